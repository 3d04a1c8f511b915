package io.llmload.compare;

import com.fasterxml.jackson.databind.JsonNode;

/** A rule's figure read from an llm-summary.json (a baseline pinned without its request log). */
final class SummaryFigures {

    private SummaryFigures() {
    }

    /** The figure, or NaN when the summary does not carry it (a percentile it does not list, a level it did not run). */
    static double of(JsonNode summary, RegressionRule rule) {
        JsonNode figures = rule.atLevel() ? level(summary, rule.level()) : summary.path("overall");
        if (figures == null || figures.isMissingNode()) return Double.NaN;
        JsonNode value = switch (rule.metric()) {
            case SUCCESS_RATE -> figures.path("success_pct");
            case OUTPUT_TOKENS_PER_SECOND -> figures.path("output_tokens_per_s");
            case LATENCY -> figures.path("latency_ms").path(percentile(rule));
            case TTFT -> figures.path("ttft_ms").path(percentile(rule));
            case TPOT -> figures.path("tpot_ms").path(percentile(rule));
            case QUEUE -> figures.path("job_breakdown").path("queue_ms").path(percentile(rule));
            case EXECUTION -> figures.path("job_breakdown").path("execution_ms").path(percentile(rule));
        };
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    private static JsonNode level(JsonNode summary, int level) {
        for (JsonNode l : summary.path("levels")) if (l.path("step").asInt(l.path("level").asInt()) == level) return l;
        return null;
    }

    /** The summary lists p50, p90, p95 and p99. */
    private static String percentile(RegressionRule rule) {
        double p = rule.percentile();
        return "p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p));
    }
}
