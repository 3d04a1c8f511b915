package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.List;
import java.util.Map;

/** llm-summary.md: the table, the SLO verdicts, failures and token-count notes, for humans and PRs. */
final class MarkdownSummary {

    private MarkdownSummary() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> s) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(s.get("simulation")).append(" — LLM summary\n\n");
        md.append("- Target: ").append(s.get("target")).append(" (model `").append(s.get("model")).append("`)\n");
        md.append("- Started: ").append(s.get("started")).append(", finished: ").append(s.get("finished")).append('\n');
        md.append("- Request: `").append(s.get("request")).append("`; goodput criteria: ").append(s.get("goodput_criteria")).append("\n\n");
        table(md, s);
        if (s.get("load_fidelity") instanceof Map<?, ?> fidelity) {
            md.append("\nOpen model: requested ").append(fidelity.get("requested_rate_per_s")).append(" req/s, achieved ")
              .append(fidelity.get("achieved_rate_per_s")).append(" req/s (all requests sent ÷ the injection duration).\n");
        }
        List<Map<String, Object>> others = (List<Map<String, Object>>) s.getOrDefault("other_requests", List.of());
        for (Map<String, Object> other : others) {
            md.append("\n## Request `").append(other.get("request")).append("`\n\n");
            table(md, other);
        }
        md.append(JobBreakdownTable.markdown(s));
        md.append("\n## SLOs\n\n");
        List<Map<String, Object>> slos = (List<Map<String, Object>>) s.get("slos");
        if (slos.isEmpty()) md.append("No SLOs configured.\n");
        for (Map<String, Object> slo : slos) {
            md.append("- ").append(Boolean.TRUE.equals(slo.get("passed")) ? "PASS " : "**FAIL** ").append(Markup.markdown(slo.get("message"))).append('\n');
        }
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) s.getOrDefault("alerts", List.of());
        if (!alerts.isEmpty()) {
            md.append("\n## Alert bands\n\nMonitoring thresholds checked per level; they do not fail the build.\n\n")
              .append("| alert | level | band | measured | state |\n|---|---|---|---|---|\n");
            for (Map<String, Object> a : alerts) {
                md.append("| ").append(a.get("alert")).append(" | ").append(a.get("level")).append(" | ").append(a.get("band"))
                  .append(" | ").append(a.get("measured")).append(' ').append(a.get("unit"))
                  .append(" | ").append(Boolean.TRUE.equals(a.get("fired")) ? "**FIRING**" : "ok").append(" |\n");
            }
        }
        md.append(HealthTable.markdown((List<Map<String, Object>>) s.get("runpod_health")));
        md.append(ServerViewTable.markdown((Map<String, Object>) s.get("server_view")));
        List<String> notices = Notices.lines(s);
        if (!notices.isEmpty()) {
            md.append("\n## Notices\n\n");
            for (String notice : notices) md.append("- ").append(Markup.markdown(notice)).append('\n');
        }
        md.append("\n## Failures\n\n");
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        all.add(s);
        all.addAll(others);
        for (Map<String, Object> request : all) failures(md, request, all.size() > 1);
        Map<String, Object> overall = (Map<String, Object>) s.get("overall");
        Map<String, Object> tokens = (Map<String, Object>) overall.get("output_token_counts");
        md.append("\n## Output token counts\n\n")
          .append("Requests with server `usage`: ").append(tokens.get("requests_with_server_usage"))
          .append("; server count ").append(tokens.get("server_output_tokens"))
          .append(", client-side count (cl100k tokenizer) ").append(tokens.get("client_counted_output_tokens"))
          .append(" (difference ").append(tokens.get("client_minus_server_pct") == null ? "-" : tokens.get("client_minus_server_pct") + " %")
          .append("). Metric definitions: docs/metrics.md.\n");
        return md.toString();
    }

    /** One request's KOs: by HTTP status, then by kind and reason, and the failed requests' own latency. */
    @SuppressWarnings("unchecked")
    private static void failures(StringBuilder md, Map<String, Object> request, boolean named) {
        Map<String, Object> overall = (Map<String, Object>) request.get("overall");
        if (named) md.append("### `").append(request.get("request")).append("`\n\n");
        md.append("By HTTP status (0 = no response): ").append(overall.get("requests_by_status")).append("\n\n");
        List<Map<String, Object>> details = (List<Map<String, Object>>) overall.get("failure_details");
        if (details.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        md.append("| kind | reason | count |\n|---|---|---|\n");
        for (Map<String, Object> d : details) {
            md.append("| ").append(d.get("kind")).append(" | ").append(Markup.markdown(d.get("reason"))).append(" | ")
              .append(d.get("count")).append(" |\n");
        }
        Map<String, Object> failed = (Map<String, Object>) overall.get("failed_latency_ms");
        if (failed.get("p50") != null) {
            md.append("\nFailed requests' own latency (kept out of every latency figure above): p50 ")
              .append(Numbers.fixed(failed.get("p50"), 0)).append(" ms, p95 ").append(Numbers.fixed(failed.get("p95"), 0))
              .append(" ms, max ").append(Numbers.fixed(failed.get("max"), 0)).append(" ms over ").append(failed.get("count"))
              .append(" requests that reached the server.\n");
        }
        md.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static void table(StringBuilder md, Map<String, Object> s) {
        md.append("| level | requests | ok % | goodput % | req/s | out tok/s | p50 ms | p95 ms | p99 ms | max ms | TTFT p50 | TTFT p95 | ITL p50 | ITL p95 | TPOT p50 | conc. requested / achieved |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<Map<String, Object>> rows = new java.util.ArrayList<>((List<Map<String, Object>>) s.get("levels"));
        rows.add((Map<String, Object>) s.get("overall"));
        for (Map<String, Object> l : rows) {
            Map<String, Object> lat = (Map<String, Object>) l.get("latency_ms");
            Map<String, Object> ttft = (Map<String, Object>) l.get("ttft_ms");
            Map<String, Object> itl = (Map<String, Object>) l.get("itl_ms");
            Map<String, Object> tpot = (Map<String, Object>) l.get("tpot_ms");
            Map<String, Object> f = (Map<String, Object>) l.get("load_fidelity");
            md.append("| ").append(ConsoleTable.levelLabel(l.get("level")))
              .append(" | ").append(l.get("requests"))
              .append(" | ").append(Numbers.fixed(l.get("success_pct"), 1))
              .append(" | ").append(Numbers.fixed(l.get("goodput_pct"), 1))
              .append(" | ").append(Numbers.fixed(l.get("requests_per_s"), 2))
              .append(" | ").append(Numbers.fixed(l.get("output_tokens_per_s"), 0))
              .append(" | ").append(Numbers.fixed(lat.get("p50"), 0))
              .append(" | ").append(Numbers.fixed(lat.get("p95"), 0))
              .append(" | ").append(Numbers.fixed(lat.get("p99"), 0))
              .append(" | ").append(Numbers.fixed(lat.get("max"), 0))
              .append(" | ").append(Numbers.fixed(ttft.get("p50"), 0))
              .append(" | ").append(Numbers.fixed(ttft.get("p95"), 0))
              .append(" | ").append(Numbers.fixed(itl.get("p50"), 1))
              .append(" | ").append(Numbers.fixed(itl.get("p95"), 1))
              .append(" | ").append(Numbers.fixed(tpot.get("p50"), 1))
              .append(" | ").append(f.get("requested_concurrency") == null ? "-" : f.get("requested_concurrency"))
              .append(" / ").append(Numbers.fixed(f.get("achieved_concurrency"), 1)).append(" |\n");
        }
    }
}
