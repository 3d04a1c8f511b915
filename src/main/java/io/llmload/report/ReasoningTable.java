package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A reasoning model's levels: time to its first thinking token and to the first token of its answer, and its thinking tokens; console and Markdown. */
final class ReasoningTable {

    private static final String[] HEADERS = {"level", "TTFR p50", "TTFR p95", "TTFO p50", "TTFO p95", "TTFO p99", "reasoning tok/req", "of output"};
    private static final String CONSOLE_ROW = "%-7s%11s%11s%11s%11s%11s%19s%11s%n";

    private ReasoningTable() {
    }

    static String console(Summary.Request request) {
        List<String[]> rows = rows(request);
        if (rows.isEmpty()) return "";
        StringBuilder out = new StringBuilder("\nReasoning (ms; TTFR = to the first thinking token, TTFO = to the first token of the answer):\n");
        out.append(String.format(Locale.ROOT, CONSOLE_ROW, (Object[]) HEADERS));
        for (String[] r : rows) out.append(String.format(Locale.ROOT, CONSOLE_ROW, (Object[]) r));
        return out.toString();
    }

    static String markdown(Summary.Request request) {
        List<String[]> rows = rows(request);
        if (rows.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\n## Reasoning\n\nTTFR = sent → the first reasoning (thinking) token; TTFO = sent → the first "
                + "token of the answer proper (AIPerf's time to first output token). Milliseconds, successful streams. Reasoning tokens "
                + "as the server reported them (`usage.completion_tokens_details.reasoning_tokens`).\n\n");
        md.append("| ").append(String.join(" | ", HEADERS)).append(" |\n");
        md.append("|---".repeat(HEADERS.length)).append("|\n");
        for (String[] r : rows) md.append("| ").append(String.join(" | ", r)).append(" |\n");
        return md.toString();
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
