package io.llmload.capacity;

import io.llmload.config.CapacitySettings;
import io.llmload.metrics.Numbers;
import io.llmload.metrics.SloSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a capacity search: per repeat the steps and the largest concurrency meeting the
 * criterion (E2E P95 by default), and the spread of that capacity over the repeats.
 *
 * @param levelUnit  what the levels are: "concurrency", or "rate (req/s)" for a search over request rates
 * @param capacities per repeat; 0 when no step passed
 * @param crossed    per repeat: whether the ladder found a failing streak (false: capacity is at least max)
 */
public record CapacityResult(Criterion criterion, String levelUnit, double minSuccessPercent, double minGoodputPercent,
                             List<List<StepResult>> repeats, List<Integer> capacities, List<Boolean> crossed) {

    /** What a step must meet: its description ("latency p95 <= 3810 ms"), the metric's name and unit, and the limit. */
    public record Criterion(String description, String metric, String unit, double limit) {

        static Criterion of(SloSpec spec) {
            String metric = spec.metric().key() + (spec.metric().isDuration() ? " p" + Numbers.compact(spec.percentile()) : "");
            return new Criterion(spec.describe(""), metric, spec.metric().unit(), spec.max() != null ? spec.max() : spec.min());
        }
    }

    /** A result judged on E2E P95 alone (tests of the arithmetic). */
    public CapacityResult(double p95TargetMillis, List<List<StepResult>> repeats, List<Integer> capacities, List<Boolean> crossed) {
        this(Criterion.of(CapacitySearch.p95Criterion(p95TargetMillis)), "concurrency", 0, 0, repeats, capacities, crossed);
    }

    static CapacityResult of(CapacitySettings settings, SloSpec criterion, List<List<StepResult>> repeats) {
        List<Integer> capacities = new ArrayList<>();
        List<Boolean> crossed = new ArrayList<>();
        for (List<StepResult> steps : repeats) {
            Integer firstFail = firstFailOfFinalStreak(steps, settings.failingSteps());
            crossed.add(firstFail != null);
            capacities.add(capacity(steps, firstFail));
        }
        return new CapacityResult(Criterion.of(criterion), settings.levelUnit(), settings.minSuccessPercent(), settings.minGoodputPercent(),
                repeats, capacities, crossed);
    }

    /**
     * The largest passing level below the first failure: coarse steps below the failing streak, and
     * refinement steps up to the first refinement that failed.
     */
    static int capacity(List<StepResult> steps, Integer firstFail) {
        int limit = firstFail == null ? Integer.MAX_VALUE : firstFail;
        for (StepResult s : steps) {
            if (s.refinement() && !s.passed()) limit = Math.min(limit, s.level());
        }
        int best = 0;
        for (StepResult s : steps) {
            if (s.passed() && s.level() < limit) best = Math.max(best, s.level());
        }
        return best;
    }

    /** The first level of the coarse failing streak that ended the ladder, or null if it never ended so. */
    static Integer firstFailOfFinalStreak(List<StepResult> steps, int failingSteps) {
        List<StepResult> coarse = steps.stream().filter(s -> !s.refinement()).toList();
        int streak = 0;
        for (int i = 0; i < coarse.size(); i++) {
            streak = coarse.get(i).passed() ? 0 : streak + 1;
            if (streak >= failingSteps) return coarse.get(i - failingSteps + 1).level();
        }
        return null;
    }

    static Integer largestPassBelow(List<StepResult> steps, int level) {
        Integer best = null;
        for (StepResult s : steps) {
            if (s.passed() && s.level() < level && (best == null || s.level() > best)) best = s.level();
        }
        return best;
    }

    public int minCapacity() {
        return capacities.stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    public int maxCapacity() {
        return capacities.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    public double meanCapacity() {
        return capacities.stream().mapToInt(Integer::intValue).average().orElse(0);
    }
}
