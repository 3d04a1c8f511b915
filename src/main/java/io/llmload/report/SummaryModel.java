package io.llmload.report;

import io.llmload.metrics.Numbers;

import io.llmload.metrics.LatencyHistogram;
import io.llmload.metrics.LevelStats;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run summary as plain maps and lists: one source for the JSON, the Markdown and the console. */
final class SummaryModel {

    private SummaryModel() {
    }

    static Map<String, Object> build(Map<String, Object> runInfo, LlmMetrics metrics, String request,
                                     List<Integer> requestedLevels, List<SloResult> slos) {
        Map<String, Object> out = new LinkedHashMap<>(runInfo);
        out.put("request", request);
        out.put("goodput_criteria", metrics.goodput().describe());
        out.put("truncation_warning_ratio", metrics.truncationRatio());
        List<Map<String, Object>> levels = new ArrayList<>();
        for (LevelStats s : metrics.levels(request)) {
            levels.add(level(s, requestedLevels.contains(s.level()) ? s.level() : null));
        }
        out.put("levels", levels);
        out.put("overall", level(metrics.overall(request), null));
        List<Map<String, Object>> sloOut = new ArrayList<>();
        for (SloResult r : slos) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.slo().name());
            m.put("objective", r.slo().describe());
            m.put("measured", Double.isNaN(r.measured()) ? null : Numbers.round(r.measured()));
            m.put("unit", r.slo().metric().unit());
            m.put("passed", r.passed());
            m.put("message", r.message());
            sloOut.add(m);
        }
        out.put("slos", sloOut);
        return out;
    }

    static Map<String, Object> level(LevelStats s, Integer requestedConcurrency) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", s.level() == LlmMetrics.ALL_LEVELS ? "all" : s.level());
        m.put("requests", s.requests());
        m.put("ok", s.ok());
        m.put("ko", s.ko());
        m.put("success_pct", Numbers.round(s.successPercent()));
        m.put("goodput_pct", Numbers.round(s.goodputPercent()));
        m.put("window_s", Numbers.round(s.windowSeconds()));
        m.put("requests_per_s", Numbers.round(s.requestsPerSecond()));
        m.put("output_tokens_per_s", Numbers.round(s.outputTokensPerSecond()));
        m.put("total_tokens_per_s", Numbers.round(s.totalTokensPerSecond()));
        m.put("prompt_tokens", s.promptTokens());
        m.put("output_tokens", s.outputTokens());
        Map<String, Object> fidelity = new LinkedHashMap<>();
        fidelity.put("requested_concurrency", requestedConcurrency);
        fidelity.put("achieved_concurrency", Numbers.round(s.achievedConcurrency()));
        m.put("load_fidelity", fidelity);
        m.put("latency_ms", percentiles(s.e2e()));
        m.put("ttft_ms", percentiles(s.ttft()));
        m.put("itl_ms", percentiles(s.itl()));
        m.put("tpot_ms", percentiles(s.tpot()));
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("requests_with_server_usage", s.usageReportedRequests());
        tokens.put("server_output_tokens", s.usageOutputTokens());
        tokens.put("client_counted_output_tokens", s.clientOutputTokensWhereUsage());
        tokens.put("client_minus_server_pct", s.usageOutputTokens() == 0 ? null
                : Numbers.round(100.0 * (s.clientOutputTokensWhereUsage() - s.usageOutputTokens()) / s.usageOutputTokens()));
        m.put("output_token_counts", tokens);
        m.put("failures", s.failures());
        m.put("failures_by_kind", s.failuresByKind());
        List<Map<String, Object>> details = new ArrayList<>();
        s.failureCounts().forEach((f, n) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", f.kind().key());
            d.put("reason", f.reason());
            d.put("count", n);
            details.add(d);
        });
        m.put("failure_details", details);
        m.put("failed_latency_ms", percentiles(s.failedLatency()));
        m.put("requests_by_status", s.statuses());
        m.put("not_sent", s.notSent());
        m.put("disturbed", s.notSent() == 0 ? null
                : s.notSent() + " of " + s.requests() + " requests never reached the server (left out of req/s and latency)");
        m.put("stale_connection_retries", s.staleConnectionRetries());
        m.put("truncated_prompts", s.truncatedPrompts());
        m.put("rejected_server_values", s.rejectedServerValues());
        if (s.queue().count() > 0) m.put("job_breakdown", jobBreakdown(s));
        return m;
    }

    /** Serverless jobs: queue, execution and overhead, and the report's "Total P50 = queue + execution + overhead". */
    static Map<String, Object> jobBreakdown(LevelStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("queue_ms", percentiles(s.queue()));
        m.put("execution_ms", percentiles(s.execution()));
        m.put("overhead_ms", percentiles(s.overhead()));
        m.put("output_tokens_per_execution_s", Numbers.round(s.tokensPerExecutionSecond()));
        double total = s.e2e().percentileMillis(50);
        double queue = s.queue().percentileMillis(50);
        double execution = s.execution().percentileMillis(50);
        Map<String, Object> p50 = new LinkedHashMap<>();
        p50.put("total_ms", Numbers.round(total));
        p50.put("queue_ms", Numbers.round(queue));
        p50.put("queue_pct", Numbers.round(100 * queue / total));
        p50.put("execution_ms", Numbers.round(execution));
        p50.put("execution_pct", Numbers.round(100 * execution / total));
        p50.put("overhead_ms", Numbers.round(total - queue - execution));
        p50.put("overhead_pct", Numbers.round(100 * (total - queue - execution) / total));
        m.put("p50_breakdown", p50);
        return m;
    }

    static Map<String, Object> percentiles(LatencyHistogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.count());
        if (h.count() == 0) return m;
        m.put("min", Numbers.round(h.minMillis()));
        m.put("mean", Numbers.round(h.meanMillis()));
        m.put("p50", Numbers.round(h.percentileMillis(50)));
        m.put("p90", Numbers.round(h.percentileMillis(90)));
        m.put("p95", Numbers.round(h.percentileMillis(95)));
        m.put("p99", Numbers.round(h.percentileMillis(99)));
        m.put("max", Numbers.round(h.maxMillis()));
        return m;
    }

}
