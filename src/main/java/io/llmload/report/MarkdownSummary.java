package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.List;

/** llm-summary.md: the table, the SLO verdicts, the workload's sections, failures and token-count notes, for humans and PRs. */
final class MarkdownSummary {

    private MarkdownSummary() {
    }

    static String render(Summary.Run run) {
        Summary.Request main = run.main();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(run.simulation()).append(" — LLM summary\n\n");
        md.append("- Target: ").append(run.target()).append(" (model `").append(run.model()).append("`)\n");
        md.append("- Started: ").append(run.started()).append(", finished: ").append(run.finished()).append('\n');
        md.append("- Request: `").append(main.request()).append("`; goodput criteria: ").append(main.goodputCriteria()).append("\n\n");
        table(md, main);
        sections(md, run, Section.Place.UNDER_TABLE);
        breakdowns(md, main);
        for (Summary.Request other : run.others()) {
            md.append("\n## Request `").append(other.request()).append("`\n\n");
            table(md, other);
            breakdowns(md, other);
        }
        md.append(JobBreakdownTable.markdown(main));
        md.append(ReasoningTable.markdown(main));
        md.append(PerLevelLines.markdown(main));
        md.append("\n## SLOs\n\n");
        if (run.slos().isEmpty()) md.append("No SLOs configured.\n");
        for (Summary.Slo slo : run.slos()) {
            md.append("- ").append(slo.passed() ? "PASS " : "**FAIL** ").append(Markup.markdown(slo.message()))
              .append(slo.marginPct() == null ? "" : "; margin " + Numbers.fixed(slo.marginPct(), 1) + " %")
              .append('\n');
        }
        sections(md, run, Section.Place.WITH_SLOS);
        sections(md, run, Section.Place.AFTER_SLOS);
        List<String> notices = Notices.lines(run);
        if (!notices.isEmpty()) {
            md.append("\n## Notices\n\n");
            for (String notice : notices) md.append("- ").append(Markup.markdown(notice)).append('\n');
        }
        md.append("\n## Failures\n\n");
        List<Summary.Request> all = run.requests();
        for (Summary.Request request : all) failures(md, request, all.size() > 1);
        Summary.TokenCounts tokens = main.overall().outputTokenCounts();
        md.append("\n## Output token counts\n\n")
          .append("Requests with server `usage`: ").append(tokens.requestsWithServerUsage())
          .append("; server count ").append(tokens.serverOutputTokens())
          .append(", client-side count (cl100k tokenizer) ").append(tokens.clientCountedOutputTokens())
          .append(" (difference ").append(tokens.clientMinusServerPct() == null ? "-" : tokens.clientMinusServerPct() + " %")
          .append("). Metric definitions: docs/metrics.md.\n");
        return md.toString();
    }

    private static void sections(StringBuilder md, Summary.Run run, Section.Place place) {
        run.sections().values().stream().filter(s -> s.place() == place).forEach(s -> md.append(s.markdown()));
    }

    /** One request's KOs: by HTTP status, then by kind and reason, and the failed requests' own latency. */
    private static void failures(StringBuilder md, Summary.Request request, boolean named) {
        Summary.Level overall = request.overall();
        if (named) md.append("### `").append(request.request()).append("`\n\n");
        md.append("By HTTP status (0 = no response): ").append(overall.requestsByStatus()).append("\n\n");
        if (overall.failureDetails().isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        md.append("| kind | reason | count |\n|---|---|---|\n");
        for (Summary.FailureCount f : overall.failureDetails()) {
            md.append("| ").append(f.kind()).append(" | ").append(Markup.markdown(f.reason())).append(" | ").append(f.count()).append(" |\n");
        }
        Summary.Percentiles failed = overall.failedLatencyMs();
        if (failed.p50() != null) {
            md.append("\nFailed requests' own latency (kept out of every latency figure above): p50 ")
              .append(Numbers.fixed(failed.p50(), 0)).append(" ms, p95 ").append(Numbers.fixed(failed.p95(), 0))
              .append(" ms, max ").append(Numbers.fixed(failed.max(), 0)).append(" ms over ").append(failed.count())
              .append(" requests that reached the server.\n");
        }
        md.append('\n');
    }

    private static void table(StringBuilder md, Summary.Request request) {
        table(md, "level", ConsoleTable.rows(request));
    }

    /** The whole run again per served model and per endpoint, where the run mixed several. */
    private static void breakdowns(StringBuilder md, Summary.Request request) {
        if (!request.byModel().isEmpty()) {
            md.append("\n### `").append(request.request()).append("` by model\n\n");
            table(md, "model", request.byModel());
        }
        if (!request.byEndpoint().isEmpty()) {
            md.append("\n### `").append(request.request()).append("` by endpoint\n\n");
            table(md, "endpoint", request.byEndpoint());
        }
    }

    private static void table(StringBuilder md, String first, List<Summary.Level> rows) {
        md.append("| ").append(first).append(" | requests | ok % | goodput % | req/s | out tok/s | p50 ms | p95 ms | p99 ms | max ms | TTFT p50 | TTFT p95 | ITL p50 | ITL p95 | TPOT p50 | conc. requested / achieved |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Summary.Level l : rows) {
            md.append("| ").append(ConsoleTable.levelLabel(l.level()))
              .append(" | ").append(l.requests())
              .append(" | ").append(Numbers.fixed(l.successPct(), 1))
              .append(" | ").append(Numbers.fixed(l.goodputPct(), 1))
              .append(" | ").append(Numbers.fixed(l.requestsPerS(), 2))
              .append(" | ").append(Numbers.fixed(l.outputTokensPerS(), 0))
              .append(" | ").append(Numbers.fixed(l.latencyMs().p50(), 0))
              .append(" | ").append(Numbers.fixed(l.latencyMs().p95(), 0))
              .append(" | ").append(Numbers.fixed(l.latencyMs().p99(), 0))
              .append(" | ").append(Numbers.fixed(l.latencyMs().max(), 0))
              .append(" | ").append(Numbers.fixed(l.ttftMs().p50(), 0))
              .append(" | ").append(Numbers.fixed(l.ttftMs().p95(), 0))
              .append(" | ").append(Numbers.fixed(l.itlMs().p50(), 1))
              .append(" | ").append(Numbers.fixed(l.itlMs().p95(), 1))
              .append(" | ").append(Numbers.fixed(l.tpotMs().p50(), 1))
              .append(" | ").append(l.loadFidelity().requestedConcurrency() == null ? "-" : l.loadFidelity().requestedConcurrency())
              .append(" / ").append(Numbers.fixed(l.loadFidelity().achievedConcurrency(), 1)).append(" |\n");
        }
    }
}
