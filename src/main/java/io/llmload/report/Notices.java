package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The warning lines of a run, for the console and llm-summary.md: levels disturbed by requests that
 * never reached the server, prompts the server seems to have truncated, kept-alive connections the
 * server closed under a request (sent again), and server-reported values that could not be true.
 */
final class Notices {

    private Notices() {
    }

    @SuppressWarnings("unchecked")
    static List<String> lines(Map<String, Object> summary) {
        List<Map<String, Object>> requests = new ArrayList<>();
        requests.add(summary);
        requests.addAll((List<Map<String, Object>>) summary.getOrDefault("other_requests", List.of()));
        List<String> out = new ArrayList<>();
        for (Map<String, Object> request : requests) {
            String name = String.valueOf(request.get("request"));
            for (Map<String, Object> level : (List<Map<String, Object>>) request.get("levels")) {
                if (level.get("disturbed") != null) {
                    out.add(name + " " + ConsoleTable.levelLabel(level.get("level")) + " disturbed: " + level.get("disturbed"));
                }
            }
            Map<String, Object> overall = (Map<String, Object>) request.get("overall");
            long truncated = number(overall.get("truncated_prompts"));
            if (truncated > 0) {
                out.add(name + ": " + truncated + " of " + overall.get("ok") + " successful requests came back with a prompt_tokens below "
                        + Numbers.fixed(100 * ((Number) request.getOrDefault("truncation_warning_ratio", 0)).doubleValue(), 0)
                        + " % of the client's count of the prompt: the server may be truncating prompts (context shift)");
            }
            long stale = number(overall.get("stale_connection_retries"));
            if (stale > 0) {
                out.add(name + ": " + stale + " requests were sent again on a fresh connection: the server had closed the kept-alive one "
                        + "before answering (not counted as KOs)");
            }
            ((Map<String, Object>) overall.getOrDefault("rejected_server_values", Map.of())).forEach((what, count) ->
                    out.add(name + ": " + count + " answers carried a value that cannot be true, not used: " + what));
        }
        return out;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
