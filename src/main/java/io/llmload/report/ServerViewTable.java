package io.llmload.report;

import io.llmload.metrics.Numbers;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The "server view" section of llm-summary.md: the server's /metrics deltas beside the client's counts. */
final class ServerViewTable {

    private static final List<String> CAPABILITIES = List.of("embedding", "chat", "audio");
    private static final String NOT_EXPOSED = "not exposed";

    private ServerViewTable() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> view) {
        if (view == null) return "";
        StringBuilder md = new StringBuilder("\n## Server view (/metrics deltas over the run)\n\n");
        md.append("Scrapes: ").append(view.get("scrapes")).append(" (failed ").append(view.get("failed_scrapes")).append(").\n\n");
        md.append("| capability | HTTP status | server count | client count |\n|---|---|---|---|\n");
        for (String capability : CAPABILITIES) {
            Map<String, Object> c = (Map<String, Object>) view.get(capability);
            if (c == null) continue;
            Map<String, Object> server = (Map<String, Object>) c.get("server_requests_by_status");
            Map<Object, Object> client = (Map<Object, Object>) c.get("client_requests_by_status");
            TreeSet<String> statuses = new TreeSet<>(server == null ? java.util.Set.of() : server.keySet());
            client.keySet().forEach(k -> statuses.add(String.valueOf(k)));
            for (String status : statuses) {
                Object clientCount = client.entrySet().stream().filter(e -> String.valueOf(e.getKey()).equals(status))
                        .map(Map.Entry::getValue).findFirst().orElse(0L);
                md.append("| ").append(capability).append(" | ").append(status).append(" | ")
                  .append(server == null ? NOT_EXPOSED : server.getOrDefault(status, 0L)).append(" | ").append(clientCount).append(" |\n");
            }
        }
        md.append("\n| capability | queue wait mean ms | latency mean ms | batch size mean | batch wait mean ms |\n|---|---|---|---|---|\n");
        for (String capability : CAPABILITIES) {
            Map<String, Object> c = (Map<String, Object>) view.get(capability);
            if (c == null) continue;
            md.append("| ").append(capability).append(" | ").append(value(c.get("server_queue_wait_mean_ms"), 1))
              .append(" | ").append(value(c.get("server_latency_mean_ms"), 1))
              .append(" | ").append(value(c.get("batch_size_mean"), 2))
              .append(" | ").append(value(c.get("batch_wait_mean_ms"), 1)).append(" |\n");
        }
        md.append("\nQueue rejections (429, global/audio limiter): ").append(value(view.get("embedding_queue_rejections"), 0))
          .append("; chat batch queue rejections: ").append(value(view.get("chat_batch_queue_rejections"), 0))
          .append("; embedding cache hits / misses: ").append(value(view.get("embedding_cache_hits"), 0))
          .append(" / ").append(value(view.get("embedding_cache_misses"), 0))
          .append("; chat batch queue max: ").append(value(view.get("chat_batch_queue_size_max"), 0)).append(".\n");
        return md.toString();
    }

    /** A server figure, or "not exposed" when the server's /metrics has no such metric (or no sample of it). */
    private static String value(Object v, int decimals) {
        return v instanceof Number ? Numbers.fixed(v, decimals) : NOT_EXPOSED;
    }
}
