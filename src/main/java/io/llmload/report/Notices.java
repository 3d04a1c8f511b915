package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;

/**
 * The warning lines of a run, for the console and llm-summary.md: levels disturbed by requests that
 * never reached the server, prompts the server seems to have truncated, kept-alive connections the
 * server closed under a request (sent again), and server-reported values that could not be true.
 */
final class Notices {

    private Notices() {
    }

    static List<String> lines(Summary.Run run) {
        List<String> out = new ArrayList<>();
        for (Summary.Request request : run.requests()) {
            String name = request.request();
            for (Summary.Level level : request.levels()) {
                if (level.disturbed() != null) {
                    out.add(name + " " + ConsoleTable.levelLabel(level.level()) + " disturbed: " + level.disturbed());
                }
            }
            Summary.Level overall = request.overall();
            if (overall.truncatedPrompts() > 0) {
                out.add(name + ": " + overall.truncatedPrompts() + " of " + overall.ok() + " successful requests came back with a "
                        + "prompt_tokens below " + Numbers.fixed(100 * request.truncationWarningRatio(), 0)
                        + " % of the client's count of the prompt: the server may be truncating prompts (context shift)");
            }
            if (overall.staleConnectionRetries() > 0) {
                out.add(name + ": " + overall.staleConnectionRetries() + " requests were sent again on a fresh connection: the server "
                        + "had closed the kept-alive one before answering (not counted as KOs)");
            }
            overall.rejectedServerValues().forEach((what, count) ->
                    out.add(name + ": " + count + " answers carried a value that cannot be true, not used: " + what));
        }
        return out;
    }
}
