package io.llmload.capacity;

import java.util.Map;

/** One measured step of a capacity search: a concurrency held for the hold time, and its verdict. */
public record StepResult(int repeat, int level, boolean refinement, long requests, double successPercent,
                         double p50Millis, double p90Millis, double p95Millis, double p99Millis, double maxMillis,
                         double requestsPerSecond, double outputTokensPerSecond, boolean passed,
                         Map<String, Double> serverMetrics) {
}
