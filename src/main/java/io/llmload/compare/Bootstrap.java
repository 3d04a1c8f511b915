package io.llmload.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Block-bootstrap confidence intervals for a night's change against its baseline. Requests of a
 * closed-model run are not independent (a slow phase slows every user at once), so each run's
 * requests, in the order they started, are cut into consecutive blocks ({@value #MIN_BLOCKS} to
 * {@value #MAX_BLOCKS}, about {@value #REQUESTS_PER_BLOCK} requests each) and whole blocks are
 * resampled with replacement; the rule's figure is recomputed on each resample and the interval
 * holds the middle {@code confidence} % of the relative changes. A fixed seed gives the same
 * interval for the same inputs. Above {@value #MAX_SAMPLES} requests a run is thinned evenly first.
 */
final class Bootstrap {

    static final int MAX_SAMPLES = 5_000;
    static final int MIN_BLOCKS = 10;
    static final int MAX_BLOCKS = 50;
    static final int REQUESTS_PER_BLOCK = 10;

    /** A confidence interval of a relative change, in percent. */
    record Interval(double low, double high) {
    }

    /** Consecutive requests: the values the figure is computed from, their output tokens and the time they span. */
    record Block(double[] values, double tokens, double seconds) {
    }

    private final int resamples;
    private final double confidence;
    private final long seed;

    Bootstrap(int resamples, double confidence, long seed) {
        this.resamples = resamples;
        this.confidence = confidence;
        this.seed = seed;
    }

    /** The run's requests cut into blocks for {@code rule}. */
    static List<Block> blocks(RegressionRule rule, List<RunSamples.Sample> samples) {
        List<RunSamples.Sample> ordered = new ArrayList<>(samples);
        ordered.sort(Comparator.comparingLong(RunSamples.Sample::startMs));
        if (ordered.size() > MAX_SAMPLES) {
            List<RunSamples.Sample> thinned = new ArrayList<>(MAX_SAMPLES);
            for (int i = 0; i < MAX_SAMPLES; i++) thinned.add(ordered.get((int) ((long) i * ordered.size() / MAX_SAMPLES)));
            ordered = thinned;
        }
        int count = Math.max(1, Math.min(ordered.size(), Math.max(MIN_BLOCKS, Math.min(MAX_BLOCKS, ordered.size() / REQUESTS_PER_BLOCK))));
        List<Block> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            List<RunSamples.Sample> part = ordered.subList(b * ordered.size() / count, (b + 1) * ordered.size() / count);
            if (part.isEmpty()) continue;
            double tokens = 0;
            for (RunSamples.Sample s : part) if (s.ok()) tokens += s.outputTokens();
            // a block spans from its first start to the next block's first start (the last one to its last end)
            long end = b + 1 < count && (b + 1) * ordered.size() / count < ordered.size()
                    ? ordered.get((b + 1) * ordered.size() / count).startMs() : part.stream().mapToLong(RunSamples.Sample::endMs).max().orElseThrow();
            out.add(new Block(values(rule, part), tokens, Math.max(1, end - part.get(0).startMs()) / 1000.0));
        }
        return out;
    }

    private static double[] values(RegressionRule rule, List<RunSamples.Sample> part) {
        return switch (rule.metric()) {
            case SUCCESS_RATE -> part.stream().mapToDouble(s -> s.ok() ? 100 : 0).toArray();
            case OUTPUT_TOKENS_PER_SECOND -> new double[0];
            default -> part.stream().filter(RunSamples.Sample::ok).mapToDouble(s -> s.value(rule.metric())).filter(v -> !Double.isNaN(v)).toArray();
        };
    }

    /** The rule's figure over a set of blocks. */
    static double figure(RegressionRule rule, List<Block> blocks) {
        if (rule.metric() == RegressionRule.Metric.OUTPUT_TOKENS_PER_SECOND) {
            double tokens = 0;
            double seconds = 0;
            for (Block b : blocks) {
                tokens += b.tokens();
                seconds += b.seconds();
            }
            return seconds == 0 ? Double.NaN : tokens / seconds;
        }
        int n = 0;
        for (Block b : blocks) n += b.values().length;
        double[] all = new double[n];
        int i = 0;
        for (Block b : blocks) {
            System.arraycopy(b.values(), 0, all, i, b.values().length);
            i += b.values().length;
        }
        if (rule.metric() == RegressionRule.Metric.SUCCESS_RATE) {
            double sum = 0;
            for (double v : all) sum += v;
            return n == 0 ? Double.NaN : sum / n;
        }
        return Statistic.percentile(all, rule.percentile());
    }

    /** The interval of (tonight ÷ baseline − 1) × 100 from both runs' blocks. */
    Interval change(RegressionRule rule, List<Block> baseline, List<Block> tonight) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> changes = new ArrayList<>(resamples);
        for (int i = 0; i < resamples; i++) {
            double b = figure(rule, resample(baseline, random));
            double t = figure(rule, resample(tonight, random));
            add(changes, (t / b - 1) * 100);
        }
        return interval(changes);
    }

    /** The interval of (tonight ÷ {@code baseline} − 1) × 100 when the baseline is one number (a median of nights). */
    Interval change(RegressionRule rule, double baseline, List<Block> tonight) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> changes = new ArrayList<>(resamples);
        for (int i = 0; i < resamples; i++) add(changes, (figure(rule, resample(tonight, random)) / baseline - 1) * 100);
        return interval(changes);
    }

    private static void add(List<Double> changes, double change) {
        if (!Double.isNaN(change) && !Double.isInfinite(change)) changes.add(change);
    }

    private Interval interval(List<Double> changes) {
        if (changes.isEmpty()) return new Interval(Double.NaN, Double.NaN);
        double[] sorted = changes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double tail = (100 - confidence) / 2;
        return new Interval(Statistic.percentile(sorted, Math.max(tail, 100.0 / sorted.length)), Statistic.percentile(sorted, 100 - tail));
    }

    private static List<Block> resample(List<Block> blocks, SplittableRandom random) {
        List<Block> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) out.add(blocks.get(random.nextInt(blocks.size())));
        return out;
    }
}
