package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One-line figures per level under the console table and in llm-summary.md: the server's prefix
 * cache as its usage reported it, the output length asked for against the length received, and the
 * time to a complete tool call.
 */
final class PerLevelLines {

    private PerLevelLines() {
    }

    static String console(Summary.Request request) {
        StringBuilder out = new StringBuilder();
        for (String line : lines(request)) out.append("  ").append(line).append('\n');
        return out.toString();
    }

    static String markdown(Summary.Request request) {
        StringBuilder out = new StringBuilder();
        for (String line : lines(request)) out.append('\n').append(line).append(".\n");
        return out.toString();
    }

    private static List<String> lines(Summary.Request request) {
        List<String> out = new ArrayList<>();
        String cache = line(request, "Prompt tokens served from the server's prefix cache (usage.prompt_tokens_details.cached_tokens): ",
                level -> level.promptCache() == null || level.promptCache().cachedPct() == null ? null
                        : Numbers.fixed(level.promptCache().cachedPct(), 1) + " %");
        String length = line(request, "Output tokens asked for / received (mean; exactly as asked, fewer): ",
                level -> level.outputLength() == null ? null : lengthPart(level.outputLength()));
        String toolCall = line(request, "Time to the complete tool call, p50 / p95 ms: ",
                level -> level.toolCallMs() == null ? null
                        : Numbers.fixed(level.toolCallMs().p50(), 0) + " / " + Numbers.fixed(level.toolCallMs().p95(), 0));
        if (!cache.isEmpty()) out.add(cache);
        if (!length.isEmpty()) out.add(length);
        if (!toolCall.isEmpty()) out.add(toolCall);
        return out;
    }

    private static String lengthPart(Summary.OutputLength o) {
        return Numbers.compact(o.requestedMean()) + " / " + Numbers.compact(o.receivedMean()) + " ("
                + Numbers.fixed(o.exactPct(), 1) + " %, " + Numbers.fixed(o.fewerPct(), 1) + " %)";
    }

    /** {@code title} then each level's part, "" when no level has one. */
    private static String line(Summary.Request request, String title, Function<Summary.Level, String> part) {
        List<String> parts = new ArrayList<>();
        for (Summary.Level level : ConsoleTable.rows(request)) {
            String p = part.apply(level);
            if (p != null) parts.add(ConsoleTable.levelLabel(level.level()) + " " + p);
        }
        return parts.isEmpty() ? "" : title + String.join(", ", parts);
    }
}
