package io.llmload.report;

import java.util.List;
import java.util.Map;

/** The endpoint's /health time series (workers and jobs) as a Markdown table. */
final class HealthTable {

    private static final String[] COLUMNS = {"t_s", "workers_idle", "workers_running", "workers_initializing",
            "jobs_in_queue", "jobs_in_progress", "error"};

    private HealthTable() {
    }

    static String markdown(List<Map<String, Object>> samples) {
        if (samples == null || samples.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\n## Endpoint health during the run\n\n")
                .append("Polled from /health; every sample is in llm-summary.json.\n\n| ")
                .append(String.join(" | ", COLUMNS)).append(" |\n").append("|---".repeat(COLUMNS.length)).append("|\n");
        for (Map<String, Object> sample : samples) {
            md.append('|');
            for (String column : COLUMNS) {
                Object v = sample.get(column);
                md.append(' ').append(v == null ? "" : v).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
