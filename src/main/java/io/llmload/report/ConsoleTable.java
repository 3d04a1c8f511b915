package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The per-level table printed at the end of a run, shaped like the field report's. */
final class ConsoleTable {

    private static final String[] HEADERS = {"level", "requests", "ok %", "req/s", "out tok/s", "p50 ms", "p95 ms",
            "p99 ms", "max ms", "TTFT p50", "TTFT p95", "ITL p50", "ITL p95", "conc"};

    private ConsoleTable() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> summary) {
        StringBuilder out = new StringBuilder();
        String header = row(HEADERS);
        out.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (Map<String, Object> level : (List<Map<String, Object>>) summary.get("levels")) {
            out.append(row(cells(level, levelLabel(level.get("level"))))).append('\n');
        }
        out.append(row(cells((Map<String, Object>) summary.get("overall"), "all"))).append('\n');
        out.append(JobBreakdownTable.console(summary));
        Map<String, Object> kinds = (Map<String, Object>) ((Map<String, Object>) summary.get("overall")).get("failures_by_kind");
        if (kinds != null && !kinds.isEmpty()) {
            StringBuilder line = new StringBuilder("  KOs by kind:");
            kinds.forEach((kind, count) -> line.append(' ').append(kind).append(' ').append(count).append(','));
            out.append(line, 0, line.length() - 1).append('\n');
        }
        for (Map<String, Object> alert : (List<Map<String, Object>>) summary.getOrDefault("alerts", List.of())) {
            if (Boolean.TRUE.equals(alert.get("fired"))) {
                out.append("  ALERT ").append(alert.get("alert")).append(": ").append(alert.get("band"))
                   .append(", measured ").append(alert.get("measured")).append(' ').append(alert.get("unit")).append('\n');
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static String[] cells(Map<String, Object> level, String label) {
        Map<String, Object> lat = (Map<String, Object>) level.get("latency_ms");
        Map<String, Object> ttft = (Map<String, Object>) level.get("ttft_ms");
        Map<String, Object> itl = (Map<String, Object>) level.get("itl_ms");
        Map<String, Object> fidelity = (Map<String, Object>) level.get("load_fidelity");
        return new String[]{label, String.valueOf(level.get("requests")), Numbers.fixed(level.get("success_pct"), 1),
                Numbers.fixed(level.get("requests_per_s"), 2), Numbers.fixed(level.get("output_tokens_per_s"), 0),
                Numbers.fixed(lat.get("p50"), 0), Numbers.fixed(lat.get("p95"), 0), Numbers.fixed(lat.get("p99"), 0), Numbers.fixed(lat.get("max"), 0),
                Numbers.fixed(ttft.get("p50"), 0), Numbers.fixed(ttft.get("p95"), 0), Numbers.fixed(itl.get("p50"), 1), Numbers.fixed(itl.get("p95"), 1),
                Numbers.fixed(fidelity.get("achieved_concurrency"), 1)};
    }

    /** "c=10" for a concurrency level, "open" for an open-model run (level 0), "all" for the roll-up. */
    static String levelLabel(Object level) {
        if ("all".equals(level)) return "all";
        return Integer.valueOf(0).equals(level) ? "open" : "c=" + level;
    }

    private static String row(String[] cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            int width = Math.max(HEADERS[i].length(), 7);
            out.append(i == 0 ? String.format("%-7s", cells[i]) : String.format("%" + (width + 2) + "s", cells[i]));
        }
        return out.toString();
    }
}
