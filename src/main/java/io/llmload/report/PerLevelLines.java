package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;

/** The server's prefix cache per level, as its usage reported it: one line under the console table and in llm-summary.md. */
final class PromptCacheLine {

    private PromptCacheLine() {
    }

    /** One line of the prefix cache per level, as the server's usage reported it; "" when it reported none. */
    private static String line(Summary.Request request) {
        List<String> parts = new ArrayList<>();
        for (Summary.Level level : ConsoleTable.rows(request)) {
            Summary.PromptCache c = level.promptCache();
            if (c == null || c.cachedPct() == null) continue;
            parts.add(ConsoleTable.levelLabel(level.level()) + " " + Numbers.fixed(c.cachedPct(), 1) + " %");
        }
        return parts.isEmpty() ? "" : "Prompt tokens served from the server's prefix cache (usage.prompt_tokens_details.cached_tokens): "
                + String.join(", ", parts);
    }

    static String console(Summary.Request request) {
        String line = line(request);
        return line.isEmpty() ? "" : "  " + line + "\n";
    }

    static String markdown(Summary.Request request) {
        String line = line(request);
        return line.isEmpty() ? "" : "\n" + line + ".\n";
    }
}
