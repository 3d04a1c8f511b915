package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The serverless latency breakdown per level (RunPod: delayTime, executionTime, the rest), console and Markdown. */
final class JobBreakdownTable {

    private static final String[] HEADERS = {"level", "queue p50", "queue p95", "exec p50", "exec p95", "exec p99",
            "exec avg", "ovh p50", "tok/s exec", "total p50 = queue + exec + overhead"};
    private static final String CONSOLE_ROW = "%-7s%11s%11s%11s%11s%11s%11s%11s%12s   %s%n";

    private JobBreakdownTable() {
    }

    static String console(Summary.Request request) {
        List<String[]> rows = rows(request);
        if (rows.isEmpty()) return "";
        StringBuilder out = new StringBuilder("\nJob latency breakdown (ms; queue = delayTime, exec = executionTime, overhead = total - both):\n");
        out.append(String.format(Locale.ROOT, CONSOLE_ROW, (Object[]) HEADERS));
        for (String[] r : rows) out.append(String.format(Locale.ROOT, CONSOLE_ROW, (Object[]) r));
        return out.toString();
    }

    static String markdown(Summary.Request request) {
        List<String[]> rows = rows(request);
        if (rows.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\n## Job latency breakdown\n\nQueue = the platform's delayTime, execution = executionTime, "
                + "overhead = client-observed total − both (network, polling, serialisation). Milliseconds.\n\n");
        md.append("| ").append(String.join(" | ", HEADERS)).append(" |\n");
        md.append("|---".repeat(HEADERS.length)).append("|\n");
        for (String[] r : rows) md.append("| ").append(String.join(" | ", r)).append(" |\n");
        return md.toString();
    }

    private static List<String[]> rows(Summary.Request request) {
        List<String[]> out = new ArrayList<>();
        for (Summary.Level level : ConsoleTable.rows(request)) {
            Summary.JobBreakdown b = level.jobBreakdown();
            if (b == null) continue;
            Summary.P50Split p50 = b.p50Breakdown();
            String split = Numbers.fixed(p50.totalMs(), 0) + " = " + Numbers.fixed(p50.queueMs(), 0)
                    + " (" + Numbers.fixed(p50.queuePct(), 0) + "%) + " + Numbers.fixed(p50.executionMs(), 0)
                    + " (" + Numbers.fixed(p50.executionPct(), 0) + "%) + " + Numbers.fixed(p50.overheadMs(), 0)
                    + " (" + Numbers.fixed(p50.overheadPct(), 0) + "%)";
            out.add(new String[]{ConsoleTable.levelLabel(level.level()), Numbers.fixed(b.queueMs().p50(), 0),
                    Numbers.fixed(b.queueMs().p95(), 0), Numbers.fixed(b.executionMs().p50(), 0),
                    Numbers.fixed(b.executionMs().p95(), 0), Numbers.fixed(b.executionMs().p99(), 0),
                    Numbers.fixed(b.executionMs().mean(), 0), Numbers.fixed(b.overheadMs().p50(), 0),
                    Numbers.fixed(b.outputTokensPerExecutionS(), 1), split});
        }
        return out;
    }
}
