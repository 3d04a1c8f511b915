package io.llmload.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates SLOs against what the recorder measured (HdrHistogram percentiles). Latency-like SLOs
 * are judged on successful requests only; with none, the SLO fails and says why.
 */
public final class SloEvaluator {

    private SloEvaluator() {
    }

    public static List<SloResult> evaluate(List<SloSpec> slos, LlmMetrics metrics, String request) {
        List<SloResult> out = new ArrayList<>();
        for (SloSpec slo : slos) out.add(evaluate(slo, metrics, request));
        return out;
    }

    /** The true reason a metric has no sample: no success at all, or successes that cannot carry it. */
    static String whyNothingMeasured(SloSpec slo, LevelStats stats) {
        String where = slo.atLevel() ? " at c=" + slo.level() : "";
        if (stats.ok() == 0) {
            String top = stats.failureCounts().keySet().stream().findFirst().map(f -> "; most: " + f.kind().key() + " " + f.reason()).orElse("");
            return "no successful request" + where + ": all " + stats.requests() + " failed" + top;
        }
        return switch (slo.metric()) {
            case TTFT, ITL, TPOT, TTFO, TTFR -> stats.streamedOk() == 0
                    ? "the " + stats.ok() + " successful requests were not streamed: no TTFT, ITL or TPOT"
                    : slo.metric() == SloSpec.Metric.TTFT ? "no successful stream carried content"
                    : slo.metric() == SloSpec.Metric.TTFO ? "no successful stream carried an answer after its reasoning"
                    : slo.metric() == SloSpec.Metric.TTFR ? "no successful stream carried reasoning (delta.reasoning_content or delta.reasoning)"
                    : "no successful stream had two content chunks";
            case QUEUE, EXECUTION, OVERHEAD -> "no successful request carried the platform's job times (only serverless jobs have them)";
            case TOOL_CALL -> "no successful answer was a tool call";
            case QUEUE_DEPTH, GPU_MEMORY -> "not exposed by the server (server-metrics)";
            default -> "nothing measured";
        };
    }

    /**
     * The same, where a band on the server's own figures (queue depth, GPU memory) is judged on the
     * largest value {@code server} sampled between the two times (the level's, or a live window's).
     */
    public static SloResult evaluate(SloSpec slo, LlmMetrics metrics, String request, ServerReadings server, long fromMillis, long toMillis) {
        if (slo.metric().serverName() == null) return evaluate(slo, metrics, request);
        double measured = server == null ? Double.NaN : server.max(slo.metric().serverName(), fromMillis, toMillis);
        if (Double.isNaN(measured)) return new SloResult(slo, measured, false, "not exposed by the server (server-metrics)");
        boolean passed = slo.max() != null ? measured <= slo.max() : measured >= slo.min();
        return new SloResult(slo, measured, passed, null);
    }

    public static SloResult evaluate(SloSpec slo, LlmMetrics metrics, String request) {
        String name = slo.request() != null ? slo.request() : request;
        LevelStats stats = slo.atLevel() ? metrics.at(name, slo.level()) : metrics.overall(name);
        if (stats.requests() == 0) {
            return new SloResult(slo, Double.NaN, false,
                    slo.atLevel() ? "no request ran at c=" + slo.level() : "no request ran");
        }
        double measured = switch (slo.metric()) {
            case LATENCY -> stats.e2e().percentileMillis(slo.percentile());
            case TTFT -> stats.ttft().percentileMillis(slo.percentile());
            case TTFO -> stats.ttfo().percentileMillis(slo.percentile());
            case TTFR -> stats.ttfr().percentileMillis(slo.percentile());
            case TOOL_CALL -> stats.toolCall().percentileMillis(slo.percentile());
            case ITL -> stats.itl().percentileMillis(slo.percentile());
            case TPOT -> stats.tpot().percentileMillis(slo.percentile());
            case QUEUE -> stats.queue().percentileMillis(slo.percentile());
            case EXECUTION -> stats.execution().percentileMillis(slo.percentile());
            case OVERHEAD -> stats.overhead().percentileMillis(slo.percentile());
            case SUCCESS_RATE -> stats.successPercent();
            case STATUS_SHARE -> stats.statusPercent(slo.status());
            case GOODPUT -> stats.goodputPercent();
            case REQUESTS_PER_SECOND -> stats.requestsPerSecond();
            case OUTPUT_TOKENS_PER_SECOND -> stats.outputTokensPerSecond();
            case QUEUE_DEPTH, GPU_MEMORY -> Double.NaN;
        };
        String levelName = slo.atLevel() ? metrics.levelName(slo.level()) : null;
        if (Double.isNaN(measured)) return new SloResult(slo, measured, false, whyNothingMeasured(slo, stats), levelName);
        boolean passed = slo.max() != null ? measured <= slo.max() : measured >= slo.min();
        return new SloResult(slo, measured, passed, null, levelName);
    }
}
