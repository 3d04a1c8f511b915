package io.llmload.compare;

import java.util.Arrays;
import java.util.List;

/** A rule's figure computed from a set of samples: a percentile of successful requests, the success rate, or output tokens/s. */
final class Statistic {

    private Statistic() {
    }

    /** The figure of {@code rule} over {@code samples} (NaN when nothing to compute it from). */
    static double of(RegressionRule rule, List<RunSamples.Sample> samples) {
        if (samples.isEmpty()) return Double.NaN;
        return switch (rule.metric()) {
            case SUCCESS_RATE -> 100.0 * samples.stream().filter(RunSamples.Sample::ok).count() / samples.size();
            case OUTPUT_TOKENS_PER_SECOND -> outputTokensPerSecond(samples, window(samples));
            default -> percentile(rule, samples);
        };
    }

    /** The wall time the samples span, first start to last end, in seconds (as the summary's window). */
    static double window(List<RunSamples.Sample> samples) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (RunSamples.Sample s : samples) {
            first = Math.min(first, s.startMs());
            last = Math.max(last, s.endMs());
        }
        return Math.max(1, last - first) / 1000.0;
    }

    static double outputTokensPerSecond(List<RunSamples.Sample> samples, double windowSeconds) {
        long tokens = 0;
        for (RunSamples.Sample s : samples) if (s.ok()) tokens += s.outputTokens();
        return tokens / windowSeconds;
    }

    /** Nearest-rank percentile of the successful requests' values (as HdrHistogram's value at percentile). */
    static double percentile(RegressionRule rule, List<RunSamples.Sample> samples) {
        double[] values = samples.stream().filter(RunSamples.Sample::ok).mapToDouble(s -> s.value(rule.metric()))
                .filter(v -> !Double.isNaN(v)).toArray();
        return percentile(values, rule.percentile());
    }

    static double percentile(double[] values, double percentile) {
        if (values.length == 0) return Double.NaN;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
