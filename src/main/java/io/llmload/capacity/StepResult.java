package io.llmload.capacity;

import java.util.Map;

/**
 * One measured step of a capacity search: a concurrency held for the hold time, and its verdict.
 * Percentiles are of the step's successful requests; {@code failedBy} names what failed the step
 * (null when it passed).
 */
public record StepResult(int repeat, int level, boolean refinement, long requests, double successPercent,
                         double goodputPercent, double p50Millis, double p90Millis, double p95Millis, double p99Millis,
                         double maxMillis, double requestsPerSecond, double outputTokensPerSecond, String failedBy,
                         Map<String, Double> serverMetrics) {

    public boolean passed() {
        return failedBy == null;
    }
}
