package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;

/** A reasoning model's levels: time to its first thinking token and to the first token of its answer, and its thinking tokens; console and Markdown. */
final class ReasoningTable {

    private static final String[] HEADERS = {"level", "TTFR p50", "TTFR p95", "TTFO p50", "TTFO p95", "TTFO p99", "reasoning tok/req", "of output"};
    private static final String CONSOLE_ROW = "%-7s%11s%11s%11s%11s%11s%19s%11s%n";

    private ReasoningTable() {
    }

    static String console(Summary.Request request) {
        return LevelTable.console("Reasoning (ms; TTFR = to the first thinking token, TTFO = to the first token of the answer):",
                HEADERS, CONSOLE_ROW, rows(request));
    }

    static String markdown(Summary.Request request) {
        return LevelTable.markdown("Reasoning", "TTFR = sent → the first reasoning (thinking) token; TTFO = sent → the first "
                + "token of the answer proper (AIPerf's time to first output token). Milliseconds, successful streams. Reasoning tokens "
                + "as the server reported them (`usage.completion_tokens_details.reasoning_tokens`).", HEADERS, rows(request));
    }

    private static List<String[]> rows(Summary.Request request) {
        List<String[]> out = new ArrayList<>();
        for (Summary.Level level : ConsoleTable.rows(request)) {
            Summary.Reasoning r = level.reasoning();
            if (r == null) continue;
            out.add(new String[]{ConsoleTable.levelLabel(level.level()), Numbers.fixed(r.ttfrMs().p50(), 0), Numbers.fixed(r.ttfrMs().p95(), 0),
                    Numbers.fixed(r.ttfoMs().p50(), 0), Numbers.fixed(r.ttfoMs().p95(), 0), Numbers.fixed(r.ttfoMs().p99(), 0),
                    Numbers.fixed(r.reasoningTokensPerRequest(), 1),
                    r.reasoningSharePct() == null ? "-" : Numbers.fixed(r.reasoningSharePct(), 1) + " %"});
        }
        return out;
    }
}
