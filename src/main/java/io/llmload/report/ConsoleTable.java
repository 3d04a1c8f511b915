package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The per-level table printed at the end of a run, one row a concurrency level (docs/workloads.md). */
final class ConsoleTable {

    private static final String[] HEADERS = {"level", "requests", "ok %", "req/s", "out tok/s", "p50 ms", "p95 ms",
            "p99 ms", "max ms", "TTFT p50", "TTFT p95", "ITL p50", "ITL p95", "conc"};

    private ConsoleTable() {
    }

    static String render(Summary.Request request) {
        StringBuilder out = new StringBuilder();
        // the level column as wide as its longest label (an open model's "synchronous", "291.8 req/s")
        int labelWidth = 7;
        for (Summary.Level level : rows(request)) labelWidth = Math.max(labelWidth, levelLabel(level.level()).length());
        String header = row(HEADERS, labelWidth);
        out.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (Summary.Level level : rows(request)) out.append(row(cells(level), labelWidth)).append('\n');
        out.append(JobBreakdownTable.console(request));
        out.append(ReasoningTable.console(request));
        out.append(PerLevelLines.console(request));
        breakdown(out, "by model", request.byModel());
        breakdown(out, "by endpoint", request.byEndpoint());
        if (!request.overall().failuresByKind().isEmpty()) {
            List<String> kinds = new ArrayList<>();
            request.overall().failuresByKind().forEach((kind, count) -> kinds.add(kind + " " + count));
            out.append("  KOs by kind: ").append(String.join(", ", kinds)).append('\n');
        }
        return out.toString();
    }

    /** A breakdown's rows in brief: requests, success, req/s, p95 latency and TTFT, per value. */
    private static void breakdown(StringBuilder out, String title, List<Summary.Level> rows) {
        if (rows.isEmpty()) return;
        out.append("  ").append(title).append(":\n");
        for (Summary.Level l : rows) {
            out.append("    ").append(l.level()).append(": ").append(l.requests()).append(" requests, ok ").append(Numbers.fixed(l.successPct(), 1))
               .append(" %, ").append(Numbers.fixed(l.requestsPerS(), 2)).append(" req/s, p95 ").append(Numbers.fixed(l.latencyMs().p95(), 0))
               .append(" ms, TTFT p95 ").append(Numbers.fixed(l.ttftMs().p95(), 0)).append(" ms\n");
        }
    }

    /** The levels, then the whole run. */
    static List<Summary.Level> rows(Summary.Request request) {
        List<Summary.Level> rows = new ArrayList<>(request.levels());
        rows.add(request.overall());
        return rows;
    }

    private static String[] cells(Summary.Level level) {
        return new String[]{levelLabel(level.level()), String.valueOf(level.requests()), Numbers.fixed(level.successPct(), 1),
                Numbers.fixed(level.requestsPerS(), 2), Numbers.fixed(level.outputTokensPerS(), 0),
                Numbers.fixed(level.latencyMs().p50(), 0), Numbers.fixed(level.latencyMs().p95(), 0),
                Numbers.fixed(level.latencyMs().p99(), 0), Numbers.fixed(level.latencyMs().max(), 0),
                Numbers.fixed(level.ttftMs().p50(), 0), Numbers.fixed(level.ttftMs().p95(), 0),
                Numbers.fixed(level.itlMs().p50(), 1), Numbers.fixed(level.itlMs().p95(), 1),
                Numbers.fixed(level.loadFidelity().achievedConcurrency(), 1)};
    }

    /** "c=10" for a concurrency level, "open" for an open-model run (level 0), a named step as named ("4 req/s"), "all" for the roll-up. */
    static String levelLabel(Object level) {
        if (level instanceof String name) return name;
        return Integer.valueOf(0).equals(level) ? "open" : "c=" + level;
    }

    private static String row(String[] cells, int labelWidth) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            int width = Math.max(HEADERS[i].length(), 7);
            out.append(i == 0 ? String.format(Locale.ROOT, "%-" + labelWidth + "s", cells[i])
                    : String.format(Locale.ROOT, "%" + (width + 2) + "s", cells[i]));
        }
        return out.toString();
    }
}
