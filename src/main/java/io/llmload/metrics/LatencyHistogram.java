package io.llmload.metrics;

import org.HdrHistogram.Histogram;

/**
 * A thread-safe HdrHistogram of durations recorded in microseconds (up to an hour), read back in
 * milliseconds. It auto-resizes: an empty one (a level's TTFR without reasoning, its tool calls, a
 * job's queue outside RunPod) costs 17 KB instead of the 189 KB of a histogram sized for an hour, and
 * one holding 1 ms .. 10 s 115 KB (HdrHistogram's estimated footprints). A level has eleven, and the
 * live watch keeps a window of time slices of every level.
 */
public final class LatencyHistogram {

    private static final long HIGHEST_MICROS = 3_600_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;
    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);

    public synchronized void recordNanos(long nanos) {
        histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
    }

    /** Adds every value of {@code other} (HdrHistogram's lossless add). */
    public void add(LatencyHistogram other) {
        add(other.copy());
    }

    /** Adds every value of an HdrHistogram of microseconds (one read back from an injector's log). */
    public synchronized void add(Histogram micros) {
        histogram.add(micros);
    }

    /** A copy of its HdrHistogram (values in microseconds). */
    public synchronized Histogram copy() {
        return histogram.copy();
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    /** The percentile in ms (HdrHistogram's value at percentile), or NaN when empty. */
    public synchronized double percentileMillis(double percentile) {
        if (histogram.getTotalCount() == 0) return Double.NaN;
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public synchronized double maxMillis() {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }

    public synchronized double minMillis() {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMinValue() / 1000.0;
    }

    public synchronized double meanMillis() {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMean() / 1000.0;
    }
}
