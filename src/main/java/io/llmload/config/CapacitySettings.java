package io.llmload.config;

import java.time.Duration;

/**
 * The {@code capacity { ... }} section: the capacity search (over concurrency or request rate; start,
 * step, max, hold time per step, target, consecutive failing steps that end the ladder, repeats,
 * refinement) and the server metrics recorded per step.
 */
public record CapacitySettings(int start, int step, int max, Duration holdTime, Duration p95Target, int failingSteps,
                               int repeats, boolean refine, String requestName, boolean stream, int maxTokens,
                               String prometheusUrl, String dcgmUrl, Duration metricsInterval,
                               double minSuccessPercent, double minGoodputPercent, GoodputCriteria goodput,
                               SearchOver searchOver, double burstiness, int maxConcurrency, long arrivalSeed) {

    /** What the ladder climbs: concurrent requests (a closed model), or requests per second (an open model, Poisson or gamma arrivals). */
    public enum SearchOver { CONCURRENCY, RATE }

    public CapacitySettings(int start, int step, int max, Duration holdTime, Duration p95Target, int failingSteps,
                            int repeats, boolean refine, String requestName, boolean stream, int maxTokens,
                            String prometheusUrl, String dcgmUrl, Duration metricsInterval,
                            double minSuccessPercent, double minGoodputPercent, GoodputCriteria goodput) {
        this(start, step, max, holdTime, p95Target, failingSteps, repeats, refine, requestName, stream, maxTokens, prometheusUrl, dcgmUrl,
                metricsInterval, minSuccessPercent, minGoodputPercent, goodput, SearchOver.CONCURRENCY, 1, 1, 0);
    }

    /** A search without success or goodput floors (tests of the ladder's logic alone). */
    public CapacitySettings(int start, int step, int max, Duration holdTime, Duration p95Target, int failingSteps,
                            int repeats, boolean refine, String requestName, boolean stream, int maxTokens,
                            String prometheusUrl, String dcgmUrl, Duration metricsInterval) {
        this(start, step, max, holdTime, p95Target, failingSteps, repeats, refine, requestName, stream, maxTokens,
                prometheusUrl, dcgmUrl, metricsInterval, 0, 0, GoodputCriteria.NONE);
    }

    public static CapacitySettings from(Keys capacity) {
        int start = capacity.positiveInt("start");
        int max = capacity.positiveInt("max");
        if (max < start) throw new ConfigError(capacity.key("max") + ": must be >= capacity.start (" + start + "), got " + max);
        return new CapacitySettings(start, capacity.positiveInt("step"), max, capacity.positiveDuration("hold-time"),
                capacity.positiveDuration("p95-target"), capacity.positiveInt("failing-steps"), capacity.positiveInt("repeats"),
                capacity.bool("refine"), capacity.nonBlank("request-name"), capacity.bool("stream"),
                capacity.positiveInt("max-tokens"), capacity.string("prometheus-url").trim(), capacity.string("dcgm-url").trim(),
                capacity.positiveDuration("metrics-interval"), percent(capacity, "min-success-rate"),
                percent(capacity, "min-goodput"), goodput(capacity.section("goodput")),
                capacity.choice("search-over", SearchOver.class), burstiness(capacity.section("rate")),
                capacity.section("rate").positiveInt("max-concurrency"), capacity.section("rate").integer("seed"));
    }

    private static double burstiness(Keys rate) {
        double value = rate.number("burstiness");
        if (!(value > 0)) throw new ConfigError(rate.key("burstiness") + ": expected a number > 0, got " + value);
        return value;
    }

    /** A step's level as the reports name it: "25" concurrent, or "4 req/s". */
    public String levelUnit() {
        return searchOver == SearchOver.RATE ? "rate (req/s)" : "concurrency";
    }

    private static GoodputCriteria goodput(Keys goodput) {
        return new GoodputCriteria(goodput.duration("e2e-max"), goodput.duration("ttft-max"), goodput.duration("tpot-max"));
    }

    private static double percent(Keys capacity, String key) {
        double value = capacity.number(key);
        if (value < 0 || value > 100) throw new ConfigError(capacity.key(key) + ": expected a percentage between 0 and 100, got " + value);
        return value;
    }

    /** Population slots a repeat needs: every coarse step, then step − 1 refinement steps. */
    public int slotsPerRepeat() {
        return (max - start) / step + 1 + (refine ? step - 1 : 0);
    }
}
