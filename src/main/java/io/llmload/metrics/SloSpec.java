package io.llmload.metrics;

import io.llmload.config.ConfigError;
import io.llmload.config.Keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One SLO from {@code slo.<workload>.<name> { metric, percentile, level | min-level + max-level, max | min, enabled }}.
 * Durations are held in milliseconds, rates in percent, throughputs per second. An SLO with a band
 * of levels ({@code min-level}..{@code max-level}) holds at every level of the run inside the band.
 */
public record SloSpec(String name, Metric metric, double percentile, int level, Double max, Double min,
                      String request, int status, LevelBand band) {

    private static final Set<String> FIELDS = Set.of("metric", "percentile", "level", "min-level", "max-level",
            "max", "min", "enabled", "request", "status");

    /** Concurrency levels from {@code from} to {@code to}, both included. */
    public record LevelBand(int from, int to) {
        public boolean contains(int level) {
            return level >= from && level <= to;
        }
    }

    /** An SLO on the run's own request. */
    public SloSpec(String name, Metric metric, double percentile, int level, Double max, Double min) {
        this(name, metric, percentile, level, max, min, null, 0, null);
    }

    /** The same SLO at another level (one level of a band, or an alert checked level by level). */
    public SloSpec atLevel(int otherLevel) {
        return new SloSpec(name, metric, percentile, otherLevel, max, min, request, status, null);
    }

    public boolean hasBand() {
        return band != null;
    }

    /** The SLOs as judged on a run of {@code levels}: a band becomes one SLO at each of the levels inside it. */
    public static List<SloSpec> judgedAt(List<SloSpec> specs, List<Integer> levels) {
        List<SloSpec> out = new ArrayList<>();
        for (SloSpec spec : specs) {
            if (!spec.hasBand()) {
                out.add(spec);
                continue;
            }
            for (int level : levels) if (spec.band().contains(level)) out.add(spec.atLevel(level));
        }
        return out;
    }

    public enum Metric {
        LATENCY("latency", true), TTFT("ttft", true), ITL("itl", true), TPOT("tpot", true),
        /** time to the first token of the answer proper, after a reasoning model's thinking (AIPerf's TTFO) */
        TTFO("ttfo", true),
        /** time to a reasoning model's first thinking token */
        TTFR("ttfr", true),
        /** time to a complete tool call (answers that were tool calls) */
        TOOL_CALL("tool-call", true),
        QUEUE("queue", true), EXECUTION("execution", true), OVERHEAD("overhead", true),
        SUCCESS_RATE("success-rate", false), STATUS_SHARE("status-share", false), GOODPUT("goodput", false),
        REQUESTS_PER_SECOND("requests-per-second", false), OUTPUT_TOKENS_PER_SECOND("output-tokens-per-second", false),
        /** the server's waiting requests, from its /metrics (alert bands only) */
        QUEUE_DEPTH("queue-depth", false),
        /** GPU memory used in percent, from a DCGM exporter (alert bands only) */
        GPU_MEMORY("gpu-memory", false);

        private final String key;
        private final boolean duration;

        Metric(String key, boolean duration) {
            this.key = key;
            this.duration = duration;
        }

        public String key() { return key; }
        public boolean isDuration() { return duration; }

        /** A figure of the server's own (server-metrics), not of the requests: its name there, or null. */
        public String serverName() {
            return switch (this) {
                case QUEUE_DEPTH -> ServerMetricNames.WAITING;
                case GPU_MEMORY -> ServerMetricNames.GPU_MEMORY_PCT;
                default -> null;
            };
        }

        public String unit() {
            return switch (this) {
                case SUCCESS_RATE, GOODPUT, STATUS_SHARE, GPU_MEMORY -> "%";
                case QUEUE_DEPTH -> "requests";
                case REQUESTS_PER_SECOND -> "req/s";
                case OUTPUT_TOKENS_PER_SECOND -> "tok/s";
                default -> "ms";
            };
        }

        static Metric parse(String key, String value) {
            for (Metric m : values()) if (m.key.equals(value)) return m;
            List<String> keys = new ArrayList<>();
            for (Metric m : values()) keys.add(m.key);
            throw new ConfigError(key + ": expected one of " + String.join(", ", keys) + ", got \"" + value + "\"");
        }
    }

    public boolean atLevel() {
        return level != LlmMetrics.ALL_LEVELS;
    }

    /** e.g. "latency p95 at c=10 <= 3500 ms". */
    public String describe() {
        return describe(atLevel() ? " at c=" + level : hasBand() ? " at each c=" + band.from() + ".." + band.to() : " (whole run)");
    }

    /** The SLO with its own scope words, e.g. "latency p95 over the last 60 s <= 6000 ms". */
    public String describe(String scope) {
        StringBuilder out = new StringBuilder(request == null ? "" : request + " ").append(metric.key());
        if (metric == Metric.STATUS_SHARE) out.append(" HTTP ").append(status);
        if (metric.isDuration()) out.append(" p").append(Numbers.compact(percentile));
        out.append(scope);
        out.append(max != null ? " <= " + Numbers.compact(max) : " >= " + Numbers.compact(min)).append(' ').append(metric.unit());
        return out.toString();
    }

    /** The room left to the limit in percent of it (negative: breached by that much), or NaN. */
    public double marginPercent(double measured) {
        double limit = max != null ? max : min;
        if (Double.isNaN(measured) || limit == 0) return Double.NaN;
        return (max != null ? limit - measured : measured - limit) / limit * 100;
    }

    /** How far past its limit a measured value is (positive = breached), in the metric's unit. */
    public double overLimit(double measured) {
        return max != null ? measured - max : min - measured;
    }

    /** Reads all enabled SLOs of a workload section ({@code slo.news}); an absent section means none. */
    public static List<SloSpec> parseAll(Keys workloadSlos) {
        List<SloSpec> out = new ArrayList<>();
        for (String name : workloadSlos.raw().root().keySet()) {
            Keys entry = workloadSlos.section(name);
            checkFields(entry);
            if (entry.has("enabled") && !entry.bool("enabled")) continue;
            out.add(parse(name, entry));
        }
        return out;
    }

    /** One criterion written like an SLO (a capacity search's {@code capacity.criterion}). */
    public static SloSpec parseOne(String name, Keys entry) {
        checkFields(entry);
        return parse(name, entry);
    }

    private static void checkFields(Keys entry) {
        for (String field : entry.raw().root().keySet()) {
            if (!FIELDS.contains(field)) {
                throw new ConfigError(entry.key(field) + ": unknown SLO field; expected one of metric, percentile, level, min-level, max-level, max, min, request, status, enabled");
            }
        }
    }

    static SloSpec parse(String name, Keys entry) {
        Metric metric = Metric.parse(entry.key("metric"), entry.string("metric"));
        boolean hasMax = entry.has("max");
        boolean hasMin = entry.has("min");
        if (hasMax == hasMin) throw new ConfigError(entry.key("") + "max/min: give exactly one of max or min");
        double percentile = 0;
        if (metric.isDuration()) {
            if (!entry.has("percentile")) throw new ConfigError(entry.key("percentile") + ": missing (a number such as 95 or 99.9)");
            percentile = entry.number("percentile");
            if (percentile <= 0 || percentile > 100) throw new ConfigError(entry.key("percentile") + ": expected a number in (0, 100], got " + percentile);
        }
        int level = entry.has("level") ? entry.positiveInt("level") : LlmMetrics.ALL_LEVELS;
        LevelBand band = band(entry);
        if (band != null && entry.has("level")) throw new ConfigError(entry.key("level") + ": give either level or min-level and max-level, not both");
        Double max = hasMax ? limit(entry, "max", metric) : null;
        Double min = hasMin ? limit(entry, "min", metric) : null;
        String request = entry.has("request") ? entry.string("request") : null;
        int status = 0;
        if (metric == Metric.STATUS_SHARE) {
            if (!entry.has("status")) throw new ConfigError(entry.key("status") + ": missing (the HTTP status whose share is limited, e.g. 429)");
            status = entry.positiveInt("status");
        }
        return new SloSpec(name, metric, percentile, level, max, min, request, status, band);
    }

    private static LevelBand band(Keys entry) {
        boolean from = entry.has("min-level");
        boolean to = entry.has("max-level");
        if (!from && !to) return null;
        if (from != to) throw new ConfigError(entry.key(from ? "max-level" : "min-level") + ": missing (a band of levels needs both min-level and max-level)");
        int min = entry.positiveInt("min-level");
        int max = entry.positiveInt("max-level");
        if (max < min) throw new ConfigError(entry.key("max-level") + ": " + max + " is below min-level " + min);
        return new LevelBand(min, max);
    }

    private static double limit(Keys entry, String field, Metric metric) {
        return metric.isDuration() ? entry.duration(field).toNanos() / 1e6 : entry.number(field);
    }
}
