package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;

/** The serverless latency breakdown per level (RunPod: delayTime, executionTime, the rest), console and Markdown. */
final class JobBreakdownTable {

    private static final String[] HEADERS = {"level", "queue p50", "queue p95", "exec p50", "exec p95", "exec p99",
            "exec avg", "ovh p50", "tok/s exec", "total p50 = queue + exec + overhead"};
    private static final String CONSOLE_ROW = "%-7s%11s%11s%11s%11s%11s%11s%11s%12s   %s%n";

    private JobBreakdownTable() {
    }

    static String console(Summary.Request request) {
        return LevelTable.console("Job latency breakdown (ms; queue = delayTime, exec = executionTime, overhead = total - both):",
                HEADERS, CONSOLE_ROW, rows(request));
    }

    static String markdown(Summary.Request request) {
        return LevelTable.markdown("Job latency breakdown", "Queue = the platform's delayTime, execution = executionTime, "
                + "overhead = client-observed total − both (network, polling, serialisation). Milliseconds.", HEADERS, rows(request));
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
