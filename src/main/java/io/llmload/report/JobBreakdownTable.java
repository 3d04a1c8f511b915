package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The serverless latency breakdown per level (RunPod: delayTime, executionTime, the rest), console and Markdown. */
final class JobBreakdownTable {

    private static final String[] HEADERS = {"level", "queue p50", "queue p95", "exec p50", "exec p95", "exec p99",
            "exec avg", "ovh p50", "tok/s exec", "total p50 = queue + exec + overhead"};

    private JobBreakdownTable() {
    }

    static String console(Map<String, Object> summary) {
        List<String[]> rows = rows(summary);
        if (rows.isEmpty()) return "";
        StringBuilder out = new StringBuilder("\nJob latency breakdown (ms; queue = delayTime, exec = executionTime, overhead = total - both):\n");
        out.append(String.format(Locale.ROOT, "%-7s%11s%11s%11s%11s%11s%11s%11s%12s   %s%n", (Object[]) HEADERS));
        for (String[] r : rows) out.append(String.format(Locale.ROOT, "%-7s%11s%11s%11s%11s%11s%11s%11s%12s   %s%n", (Object[]) r));
        return out.toString();
    }

    static String markdown(Map<String, Object> summary) {
        List<String[]> rows = rows(summary);
        if (rows.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\n## Job latency breakdown\n\nQueue = the platform's delayTime, execution = executionTime, "
                + "overhead = client-observed total − both (network, polling, serialisation). Milliseconds.\n\n");
        md.append("| ").append(String.join(" | ", HEADERS)).append(" |\n");
        md.append("|---".repeat(HEADERS.length)).append("|\n");
        for (String[] r : rows) md.append("| ").append(String.join(" | ", r)).append(" |\n");
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String[]> rows(Map<String, Object> summary) {
        List<Map<String, Object>> levels = new ArrayList<>((List<Map<String, Object>>) summary.get("levels"));
        levels.add((Map<String, Object>) summary.get("overall"));
        List<String[]> out = new ArrayList<>();
        for (Map<String, Object> level : levels) {
            Map<String, Object> b = (Map<String, Object>) level.get("job_breakdown");
            if (b == null) continue;
            Map<String, Object> queue = (Map<String, Object>) b.get("queue_ms");
            Map<String, Object> exec = (Map<String, Object>) b.get("execution_ms");
            Map<String, Object> overhead = (Map<String, Object>) b.get("overhead_ms");
            Map<String, Object> p50 = (Map<String, Object>) b.get("p50_breakdown");
            String label = ConsoleTable.levelLabel(level.get("level"));
            String split = Numbers.fixed(p50.get("total_ms"), 0) + " = " + Numbers.fixed(p50.get("queue_ms"), 0)
                    + " (" + Numbers.fixed(p50.get("queue_pct"), 0) + "%) + " + Numbers.fixed(p50.get("execution_ms"), 0)
                    + " (" + Numbers.fixed(p50.get("execution_pct"), 0) + "%) + " + Numbers.fixed(p50.get("overhead_ms"), 0)
                    + " (" + Numbers.fixed(p50.get("overhead_pct"), 0) + "%)";
            out.add(new String[]{label, Numbers.fixed(queue.get("p50"), 0), Numbers.fixed(queue.get("p95"), 0),
                    Numbers.fixed(exec.get("p50"), 0), Numbers.fixed(exec.get("p95"), 0), Numbers.fixed(exec.get("p99"), 0),
                    Numbers.fixed(exec.get("mean"), 0), Numbers.fixed(overhead.get("p50"), 0),
                    Numbers.fixed(b.get("output_tokens_per_execution_s"), 1), split});
        }
        return out;
    }
}
