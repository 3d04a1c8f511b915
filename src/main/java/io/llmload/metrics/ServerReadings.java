package io.llmload.metrics;

/** The server's own figures sampled over time (from its /metrics and a DCGM exporter), for alert bands on them. */
public interface ServerReadings {

    /** The largest value of {@code name} ({@link ServerMetricNames}) sampled between the two times, or NaN when none. */
    double max(String name, long fromMillis, long toMillis);
}
