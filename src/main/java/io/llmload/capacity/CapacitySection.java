package io.llmload.capacity;

import io.llmload.report.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.llmload.metrics.Numbers.round;

/**
 * A capacity search's result in the run's summary and in capacity-search.json: the criteria, the
 * capacity per repeat and its spread, every step, and the server-metrics scrapes that failed.
 */
public record CapacitySection(String criterion, double criterionLimit, double minSuccessPct, Double minGoodputPct, List<Integer> capacityPerRepeat,
                              List<Boolean> crossedPerRepeat, int capacityMin, int capacityMax, Double capacityMean,
                              List<Step> steps, long failedScrapes) implements Section {

    /** One step: its concurrency held for the hold time, what it measured (successful requests' percentiles), its verdict. */
    public record Step(int repeat, int concurrency, boolean refinement, long requests, Double successPct, Double goodputPct,
                       Double p50Ms, Double p90Ms, Double p95Ms, Double p99Ms, Double maxMs, Double requestsPerS,
                       Double outputTokensPerS, boolean passed, String failedBy, Map<String, Double> server, Double criterionMeasured) {
    }

    public static CapacitySection of(CapacityResult result, long failedScrapes) {
        List<Step> steps = new ArrayList<>();
        for (List<StepResult> repeat : result.repeats()) {
            for (StepResult s : repeat) {
                steps.add(new Step(s.repeat(), s.level(), s.refinement(), s.requests(), round(s.successPercent()),
                        round(s.goodputPercent()), round(s.p50Millis()), round(s.p90Millis()), round(s.p95Millis()),
                        round(s.p99Millis()), round(s.maxMillis()), round(s.requestsPerSecond()), round(s.outputTokensPerSecond()),
                        s.passed(), s.failedBy(), s.serverMetrics(), round(s.criterionMeasured())));
            }
        }
        return new CapacitySection(result.criterion().description(), result.criterion().limit(), result.minSuccessPercent(),
                result.minGoodputPercent() > 0 ? result.minGoodputPercent() : null, result.capacities(), result.crossed(),
                result.minCapacity(), result.maxCapacity(), round(result.meanCapacity()), steps, failedScrapes);
    }

    @Override
    public String key() {
        return "capacity";
    }
}
