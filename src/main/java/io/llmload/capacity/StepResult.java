package io.llmload.capacity;

import java.util.Map;

/**
 * One measured step of a capacity search: a concurrency held for the hold time, and its verdict.
 * Percentiles are of the step's successful requests; {@code criterionMeasured} is the search
 * criterion's value there ({@code capacity.criterion}: E2E P95 by default); {@code failedBy} names what
 * failed the step (null when it passed).
 */
public record StepResult(int repeat, int level, boolean refinement, long requests, double successPercent,
                         double goodputPercent, double p50Millis, double p90Millis, double p95Millis, double p99Millis,
                         double maxMillis, double requestsPerSecond, double outputTokensPerSecond, String failedBy,
                         Map<String, Double> serverMetrics, double criterionMeasured) {

    /** A step judged on its E2E P95 (the default criterion). */
    public StepResult(int repeat, int level, boolean refinement, long requests, double successPercent,
                      double goodputPercent, double p50Millis, double p90Millis, double p95Millis, double p99Millis,
                      double maxMillis, double requestsPerSecond, double outputTokensPerSecond, String failedBy,
                      Map<String, Double> serverMetrics) {
        this(repeat, level, refinement, requests, successPercent, goodputPercent, p50Millis, p90Millis, p95Millis, p99Millis,
                maxMillis, requestsPerSecond, outputTokensPerSecond, failedBy, serverMetrics, p95Millis);
    }

    public boolean passed() {
        return failedBy == null;
    }
}
