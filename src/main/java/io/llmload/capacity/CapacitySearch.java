package io.llmload.capacity;

import io.llmload.config.CapacitySettings;
import io.llmload.metrics.LevelStats;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloEvaluator;
import io.llmload.metrics.SloResult;
import io.llmload.metrics.SloSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The search for the largest concurrency whose steps meet the criterion ({@code capacity.criterion}:
 * E2E P95 ≤ 3.81 s by default; any SLO metric, e.g. TTFT p95 or goodput). A repeat climbs from
 * {@code start} by {@code step} until {@code failing-steps} consecutive steps exceed the target
 * (or {@code max}), then, with {@code refine}, tries the levels between the last pass and the
 * first fail one by one until one fails. Steps are decided at run time: each population slot asks
 * for its level when it starts, after the previous slot's requests have all finished.
 */
public final class CapacitySearch {

    private final CapacitySettings settings;
    private final SloSpec criterion;
    private final LlmMetrics metrics;
    private final IntFunction<String> requestName;
    private final List<Repeat> repeats = new ArrayList<>();
    private final Map<Long, AtomicInteger> tickets = new HashMap<>();
    private final Map<String, Map<String, Double>> serverMetrics = new HashMap<>();
    private volatile StepKey current;

    /** The step running now, for the server-metrics sampler. */
    public record StepKey(int repeat, int level) {
    }

    private static final class Repeat {
        final List<Integer> decided = new ArrayList<>();
        final List<StepResult> steps = new ArrayList<>();
        int lastCoarse;
        int lastRefine;
        int consecutiveFails;
        boolean coarseDone;
        boolean refineDone;
        boolean refineFailed;
        int pendingLevel;
        boolean pendingRefine;
    }

    /**
     * @param criterion   what a step must meet, written like an SLO ({@code capacity.criterion}): any metric, e.g. TTFT p95 or goodput
     * @param requestName the request name of a repeat (1-based): each repeat has its own statistics
     */
    public CapacitySearch(CapacitySettings settings, SloSpec criterion, LlmMetrics metrics, IntFunction<String> requestName) {
        this.settings = settings;
        this.criterion = criterion;
        this.metrics = metrics;
        this.requestName = requestName;
        for (int r = 0; r < settings.repeats(); r++) repeats.add(new Repeat());
    }

    /** The field report's criterion: successful requests' E2E P95 at most {@code millis}. */
    static SloSpec p95Criterion(double millis) {
        return new SloSpec("criterion", SloSpec.Metric.LATENCY, 95, LlmMetrics.ALL_LEVELS, millis, null);
    }

    public CapacitySettings settings() {
        return settings;
    }

    /** The level of population slot {@code slot} of {@code repeat} (both 0-based); 0 = nothing left to run. */
    public synchronized int levelFor(int repeat, int slot) {
        Repeat r = repeats.get(repeat);
        while (r.decided.size() <= slot) {
            evaluatePending(repeat, r);
            int level = nextLevel(r);
            r.decided.add(level);
            if (level > 0) {
                r.pendingLevel = level;
                r.pendingRefine = r.coarseDone;
                current = new StepKey(repeat + 1, level);
            } else {
                current = null;
            }
        }
        return r.decided.get(slot);
    }

    /** 0, 1, 2... for the users of one slot; users with a ticket at or above the level leave at once. */
    public synchronized int ticket(int repeat, int slot) {
        return tickets.computeIfAbsent(((long) repeat << 32) | slot, k -> new AtomicInteger()).getAndIncrement();
    }

    public StepKey current() {
        return current;
    }

    /** Server-side metrics of a step (means and maxima), recorded by the sampler. */
    public synchronized void serverMetrics(StepKey step, Map<String, Double> values) {
        serverMetrics.put(step.repeat() + "/" + step.level(), values);
    }

    /** Evaluates the last steps and returns every repeat's results. */
    public synchronized CapacityResult finish() {
        current = null;
        List<List<StepResult>> all = new ArrayList<>();
        for (int i = 0; i < repeats.size(); i++) {
            evaluatePending(i, repeats.get(i));
            all.add(List.copyOf(repeats.get(i).steps));
        }
        return CapacityResult.of(settings, criterion, all);
    }

    /**
     * What fails a step, or null: no success at all, the criterion not met (E2E P95 of successes over
     * the target by default), too few successes (a server failing a fifth of its requests fast has no
     * capacity there), too little goodput.
     */
    private String failedBy(LevelStats s, SloResult judged) {
        if (s.ok() == 0) return "no successful request";
        if (!judged.passed()) return CapacityResult.Criterion.of(criterion).metric();
        if (s.successPercent() < settings.minSuccessPercent()) return "success rate";
        if (settings.minGoodputPercent() > 0 && s.goodputPercent() < settings.minGoodputPercent()) return "goodput";
        return null;
    }

    private int nextLevel(Repeat r) {
        if (!r.coarseDone) {
            int candidate = r.lastCoarse == 0 ? settings.start() : r.lastCoarse + settings.step();
            if (r.consecutiveFails >= settings.failingSteps() || candidate > settings.max()) {
                r.coarseDone = true;
            } else {
                r.lastCoarse = candidate;
                return candidate;
            }
        }
        if (settings.refine() && !r.refineDone) {
            Integer firstFail = CapacityResult.firstFailOfFinalStreak(r.steps, settings.failingSteps());
            Integer lastPass = firstFail == null ? null : CapacityResult.largestPassBelow(r.steps, firstFail);
            int candidate = r.lastRefine == 0 ? (lastPass == null ? -1 : lastPass + 1) : r.lastRefine + 1;
            if (lastPass == null || r.refineFailed || candidate >= firstFail) {
                r.refineDone = true;
                return 0;
            }
            r.lastRefine = candidate;
            return candidate;
        }
        return 0;
    }

    private void evaluatePending(int repeat, Repeat r) {
        if (r.pendingLevel == 0) return;
        String request = requestName.apply(repeat + 1);
        LevelStats s = metrics.at(request, r.pendingLevel);
        double p95 = s.e2e().percentileMillis(95);
        SloResult judged = SloEvaluator.evaluate(criterion.atLevel(r.pendingLevel), metrics, request);
        String failedBy = failedBy(s, judged);
        boolean passed = failedBy == null;
        Map<String, Double> server = serverMetrics.getOrDefault((repeat + 1) + "/" + r.pendingLevel, Map.of());
        r.steps.add(new StepResult(repeat + 1, r.pendingLevel, r.pendingRefine, s.requests(), s.successPercent(),
                s.goodputPercent(), s.e2e().percentileMillis(50), s.e2e().percentileMillis(90), p95, s.e2e().percentileMillis(99),
                s.e2e().maxMillis(), s.requestsPerSecond(), s.outputTokensPerSecond(), failedBy, server, judged.measured()));
        if (r.pendingRefine) {
            if (!passed) r.refineFailed = true;
        } else {
            r.consecutiveFails = passed ? 0 : r.consecutiveFails + 1;
        }
        r.pendingLevel = 0;
    }
}
