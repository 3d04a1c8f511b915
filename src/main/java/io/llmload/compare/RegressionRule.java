package io.llmload.compare;

import io.llmload.config.ConfigError;
import io.llmload.config.Keys;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One rule of {@code regression.<workload>.<name> { metric, percentile, level, max-increase | max-decrease }}:
 * how much a figure may move against the baseline, in percent of the baseline's value, before the
 * night is a regression (e.g. latency p95 at c=10 may grow by at most 10 %).
 */
public record RegressionRule(String name, Metric metric, double percentile, int level, double allowedPercent, boolean higherIsWorse) {

    private static final Set<String> FIELDS = Set.of("metric", "percentile", "level", "max-increase", "max-decrease", "enabled");

    /** The figures a night can be compared on: each has per-request samples in llm-requests.jsonl. */
    public enum Metric {
        LATENCY("latency", true), TTFT("ttft", true), TPOT("tpot", true), QUEUE("queue", true), EXECUTION("execution", true),
        SUCCESS_RATE("success-rate", false), OUTPUT_TOKENS_PER_SECOND("output-tokens-per-second", false);

        private final String key;
        private final boolean duration;

        Metric(String key, boolean duration) {
            this.key = key;
            this.duration = duration;
        }

        public String key() { return key; }
        public boolean isDuration() { return duration; }

        public String unit() {
            return switch (this) {
                case SUCCESS_RATE -> "%";
                case OUTPUT_TOKENS_PER_SECOND -> "tok/s";
                default -> "ms";
            };
        }

        static Metric parse(String key, String value) {
            List<String> keys = new ArrayList<>();
            for (Metric m : values()) {
                if (m.key.equals(value)) return m;
                keys.add(m.key);
            }
            throw new ConfigError(key + ": expected one of " + String.join(", ", keys) + ", got \"" + value + "\"");
        }
    }

    public boolean atLevel() {
        return level != LlmMetrics.ALL_LEVELS;
    }

    /** e.g. "latency p95 at c=10 may grow by at most 10 %". */
    public String describe() {
        return metric.key() + (metric.isDuration() ? " p" + Numbers.compact(percentile) : "") + (atLevel() ? " at c=" + level : " (whole run)")
                + (higherIsWorse ? " may grow" : " may fall") + " by at most " + Numbers.compact(allowedPercent) + " %";
    }

    /** Reads the enabled rules of {@code regression.<workload>}. */
    public static List<RegressionRule> parseAll(Keys section) {
        List<RegressionRule> out = new ArrayList<>();
        for (String name : section.raw().root().keySet()) {
            Keys entry = section.section(name);
            for (String field : entry.raw().root().keySet()) {
                if (!FIELDS.contains(field)) {
                    throw new ConfigError(entry.key(field) + ": unknown regression field; expected one of metric, percentile, level, max-increase, max-decrease, enabled");
                }
            }
            if (entry.has("enabled") && !entry.bool("enabled")) continue;
            out.add(parse(name, entry));
        }
        return out;
    }

    private static RegressionRule parse(String name, Keys entry) {
        Metric metric = Metric.parse(entry.key("metric"), entry.string("metric"));
        double percentile = 0;
        if (metric.isDuration()) {
            if (!entry.has("percentile")) throw new ConfigError(entry.key("percentile") + ": missing (a number such as 95 or 50)");
            percentile = entry.number("percentile");
            if (percentile <= 0 || percentile > 100) throw new ConfigError(entry.key("percentile") + ": expected a number in (0, 100], got " + percentile);
        }
        boolean increase = entry.has("max-increase");
        if (increase == entry.has("max-decrease")) throw new ConfigError(entry.key("") + "max-increase/max-decrease: give exactly one");
        String field = increase ? "max-increase" : "max-decrease";
        double allowed = entry.number(field);
        if (allowed < 0) throw new ConfigError(entry.key(field) + ": expected a percentage >= 0, got " + allowed);
        int level = entry.has("level") ? entry.positiveInt("level") : LlmMetrics.ALL_LEVELS;
        return new RegressionRule(name, metric, percentile, level, allowed, increase);
    }
}
