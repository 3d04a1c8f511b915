package io.llmload.capacity;

import io.llmload.config.CapacitySettings;
import io.llmload.config.GoodputCriteria;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloSpec;
import io.llmload.metrics.RequestRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The search's decisions, fed with measured latencies per level instead of a server. */
class CapacitySearchTest {

    /** The field report's criterion: E2E P95 at most 3.81 s. */
    private static final SloSpec P95 = CapacitySearch.p95Criterion(3810);

    private static CapacitySettings settings(int failingSteps, boolean refine) {
        return new CapacitySettings(15, 5, 60, Duration.ofSeconds(1), Duration.ofMillis(3810), failingSteps, 1, refine,
                "r", false, 10, "", "", Duration.ofSeconds(1));
    }

    /** Runs the slots of one repeat; a level "passes" when {@code passes} says so (P95 2 s, else 5 s). */
    private static List<StepResult> search(CapacitySettings s, IntPredicate passes) {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        CapacitySearch search = new CapacitySearch(s, P95, metrics, repeat -> "r r" + repeat);
        for (int slot = 0; slot < s.slotsPerRepeat(); slot++) {
            int level = search.levelFor(0, slot);
            if (level == 0) continue;
            long latencyMs = passes.test(level) ? 2000 : 5000;
            for (int i = 0; i < 20; i++) {
                metrics.record(new RequestRecord("r r1", null, level, i, new RequestRecord.Timing(0, 0, latencyMs * 1_000_000, -1, new long[0], false), new RequestRecord.Tokens(10, true, 10, 100, true, -1), null, null, 200, "id" + i, 0, null));
            }
        }
        return search.finish().repeats().get(0);
    }

    @Test
    void theCriterionCanBeAnySloMetricHereTtftP95() {
        // E2E is 5 s at every level (it would fail the default criterion); TTFT grows 10 ms a level
        SloSpec ttft = new SloSpec("criterion", SloSpec.Metric.TTFT, 95, LlmMetrics.ALL_LEVELS, 275.0, null);
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        CapacitySettings s = settings(2, true);
        CapacitySearch search = new CapacitySearch(s, ttft, metrics, repeat -> "r r" + repeat);
        for (int slot = 0; slot < s.slotsPerRepeat(); slot++) {
            int level = search.levelFor(0, slot);
            if (level == 0) continue;
            for (int i = 0; i < 20; i++) {
                metrics.record(new RequestRecord("r r1", null, level, i, new RequestRecord.Timing(0, 0, 5_000_000_000L, level * 10_000_000L,
                        new long[0], true), new RequestRecord.Tokens(10, true, 10, 100, true, -1), null, null, 200, "id" + i, 0, null));
            }
        }
        CapacityResult result = search.finish();
        List<StepResult> steps = result.repeats().get(0);
        assertThat(walk(steps)).containsExactly("15P", "20P", "25P", "30F", "35F", "r26P", "r27P", "r28F");
        assertThat(result.capacities()).containsExactly(27);
        assertThat(steps.get(3).failedBy()).isEqualTo("ttft p95");
        assertThat(steps.get(3).criterionMeasured()).isCloseTo(300.0, org.assertj.core.api.Assertions.within(1.0));
        assertThat(result.criterion().description()).isEqualTo("ttft p95 <= 275 ms");
        assertThat(CapacityReport.markdown("s", result)).contains("A step passes when its successful requests meet ttft p95 <= 275 ms");
    }

    @Test
    void theCriterionDefaultsToTheP95TargetAndTakesAFloorOrAnotherCeiling() {
        java.util.function.Function<Map<String, Object>, SloSpec> criterion = overrides -> CapacityRun.criterion(
                io.llmload.config.LlmloadConfig.load(com.typesafe.config.ConfigFactory.parseMap(overrides)).section("capacity"));
        SloSpec standard = criterion.apply(Map.of());
        assertThat(standard.describe("")).isEqualTo("latency p95 <= 3810 ms");
        assertThat(criterion.apply(Map.of("capacity.p95-target", "2s")).max()).isEqualTo(2000.0);
        SloSpec goodput = criterion.apply(Map.of("capacity.criterion.metric", "goodput", "capacity.criterion.min", "90"));
        assertThat(goodput.min()).isEqualTo(90.0);
        assertThat(goodput.max()).isNull();
        assertThat(criterion.apply(Map.of("capacity.criterion.metric", "ttft", "capacity.criterion.max", "500ms")).describe(""))
                .isEqualTo("ttft p95 <= 500 ms");
    }

    private static List<String> walk(List<StepResult> steps) {
        List<String> out = new ArrayList<>();
        for (StepResult s : steps) out.add((s.refinement() ? "r" : "") + s.level() + (s.passed() ? "P" : "F"));
        return out;
    }

    @Test
    void climbsUntilTheConfiguredFailingStepsThenRefinesUpToTheFirstFailure() {
        List<StepResult> steps = search(settings(2, true), level -> level <= 27);
        assertThat(walk(steps)).containsExactly("15P", "20P", "25P", "30F", "35F", "r26P", "r27P", "r28F");
        assertThat(CapacityResult.of(settings(2, true), P95, List.of(steps)).capacities()).containsExactly(27);
    }

    @Test
    void oneFailingStepIsEnoughWhenConfiguredSo() {
        List<StepResult> steps = search(settings(1, false), level -> level <= 27);
        assertThat(walk(steps)).containsExactly("15P", "20P", "25P", "30F");
        assertThat(CapacityResult.of(settings(1, false), P95, List.of(steps)).capacities()).containsExactly(25);
    }

    @Test
    void anIsolatedFailureDoesNotEndTheLadderAndTheCapacityIsBelowTheFinalStreak() {
        // 20 fails once (noise), 25 passes again; the ladder ends at 35/40
        List<StepResult> steps = search(settings(2, true), level -> level != 20 && level < 33);
        assertThat(walk(steps)).containsExactly("15P", "20F", "25P", "30P", "35F", "40F", "r31P", "r32P", "r33F");
        assertThat(CapacityResult.of(settings(2, true), P95, List.of(steps)).capacities()).containsExactly(32);
    }

    @Test
    void aLadderThatNeverCrossesReportsItsLargestLevelAsALowerBound() {
        List<StepResult> steps = search(settings(2, true), level -> true);
        CapacityResult result = CapacityResult.of(settings(2, true), P95, List.of(steps));
        assertThat(steps).extracting(StepResult::level).containsExactly(15, 20, 25, 30, 35, 40, 45, 50, 55, 60);
        assertThat(result.capacities()).containsExactly(60);
        assertThat(result.crossed()).containsExactly(false);
    }

    @Test
    void nothingPassingMeansCapacityZero() {
        List<StepResult> steps = search(settings(2, true), level -> false);
        assertThat(walk(steps)).containsExactly("15F", "20F");
        assertThat(CapacityResult.of(settings(2, true), P95, List.of(steps)).capacities()).containsExactly(0);
    }

    @Test
    void spreadOverRepeats() {
        CapacityResult r = new CapacityResult(3810, List.of(List.of(), List.of(), List.of()), List.of(20, 22, 21),
                List.of(true, true, true));
        assertThat(r.minCapacity()).isEqualTo(20);
        assertThat(r.maxCapacity()).isEqualTo(22);
        assertThat(r.meanCapacity()).isEqualTo(21.0);
    }

    /** A server failing a fifth of its requests fast has no capacity at that level, however quick its successes. */
    @Test
    void aStepMustAlsoMeetTheSuccessRateFloor() {
        CapacitySettings s = new CapacitySettings(15, 5, 30, Duration.ofSeconds(1), Duration.ofMillis(3810), 1, 1, false,
                "r", false, 10, "", "", Duration.ofSeconds(1), 99, 0, GoodputCriteria.NONE);
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        CapacitySearch search = new CapacitySearch(s, P95, metrics, repeat -> "r r" + repeat);
        for (int slot = 0; slot < s.slotsPerRepeat(); slot++) {
            int level = search.levelFor(0, slot);
            if (level == 0) continue;
            int failed = level == 15 ? 0 : 4;
            for (int i = 0; i < 20; i++) {
                Failure failure = i < failed
                        ? Failure.of(FailureKind.SERVER_ERROR_EVENT, "error event in stream: x") : null;
                metrics.record(new RequestRecord("r r1", null, level, i, new RequestRecord.Timing(0, 0, (failure == null ? 2000 : 30) * 1_000_000L, -1, new long[0], false), new RequestRecord.Tokens(10, true, 10, 100, true, -1), null, failure, 200, "id" + i, 0, null));
            }
        }
        CapacityResult result = search.finish();
        List<StepResult> steps = result.repeats().get(0);
        assertThat(walk(steps)).containsExactly("15P", "20F");
        assertThat(steps.get(1).failedBy()).isEqualTo("success rate");
        assertThat(steps.get(1).p95Millis()).as("the P95 of the successes alone met the target").isLessThan(3810);
        assertThat(steps.get(1).successPercent()).isEqualTo(80.0);
        assertThat(result.capacities()).containsExactly(15);
        assertThat(CapacityReport.markdown("test", result))
                .contains("and ≥ 99 % of its requests succeeded").contains("FAIL (success rate)");
    }
}
