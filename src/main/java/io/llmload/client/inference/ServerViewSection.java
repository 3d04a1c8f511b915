package io.llmload.client.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.metrics.Numbers;
import io.llmload.report.Section;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's own view of the run beside the client's: the inference server's {@code /metrics}
 * deltas per capability (embedding, chat, audio). A figure the server does not expose is null in
 * JSON and reads "not exposed".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerViewSection(int scrapes, int failedScrapes, Capability audio, Capability chat, Capability embedding,
                                @JsonInclude(JsonInclude.Include.ALWAYS) Double embeddingQueueRejections,
                                @JsonInclude(JsonInclude.Include.ALWAYS) Double chatBatchQueueRejections,
                                @JsonInclude(JsonInclude.Include.ALWAYS) Double embeddingCacheHits,
                                @JsonInclude(JsonInclude.Include.ALWAYS) Double embeddingCacheMisses,
                                @JsonInclude(JsonInclude.Include.ALWAYS) Double chatBatchQueueSizeMax,
                                @JsonInclude(JsonInclude.Include.ALWAYS) Double chatBatchOomRetries,
                                @JsonInclude(JsonInclude.Include.ALWAYS) Double chatBatchRequeues,
                                @JsonInclude(JsonInclude.Include.ALWAYS) Double warmupPoolReadyWorkers) implements Section {

    private static final String NOT_EXPOSED = "not exposed";

    /**
     * One capability: the server's {@code *_requests_total} deltas by status (null: not exposed) beside the
     * client's count, and the means of the guide's histograms (batch figures only for batched capabilities).
     */
    public record Capability(Map<String, Long> serverRequestsByStatus, Map<Integer, Long> clientRequestsByStatus,
                             Double serverLatencyMeanMs, Double serverQueueWaitMeanMs,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Double queueWaitsOver100msPct,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Double queueWaitsOver1sPct,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Double batchSizeMean,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Double batchWaitMeanMs) {
    }

    @Override
    public String key() {
        return "server_view";
    }

    /** The capabilities by name, in the table's order. */
    public Map<String, Capability> capabilities() {
        Map<String, Capability> out = new LinkedHashMap<>();
        if (embedding != null) out.put("embedding", embedding);
        if (chat != null) out.put("chat", chat);
        if (audio != null) out.put("audio", audio);
        return out;
    }

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("\n## Server view (/metrics deltas over the run)\n\n");
        md.append("Scrapes: ").append(scrapes).append(" (failed ").append(failedScrapes).append(").\n\n");
        md.append("| capability | HTTP status | server count | client count |\n|---|---|---|---|\n");
        capabilities().forEach((name, c) -> {
            TreeSet<String> statuses = new TreeSet<>(c.serverRequestsByStatus() == null ? Set.of() : c.serverRequestsByStatus().keySet());
            c.clientRequestsByStatus().keySet().forEach(k -> statuses.add(String.valueOf(k)));
            for (String status : statuses) {
                long client = c.clientRequestsByStatus().getOrDefault(Integer.valueOf(status), 0L);
                md.append("| ").append(name).append(" | ").append(status).append(" | ")
                  .append(c.serverRequestsByStatus() == null ? NOT_EXPOSED : c.serverRequestsByStatus().getOrDefault(status, 0L))
                  .append(" | ").append(client).append(" |\n");
            }
        });
        md.append("\n| capability | queue wait mean ms | queue waits > 0.1 s | queue waits > 1 s | latency mean ms | batch size mean | batch wait mean ms |\n|---|---|---|---|---|---|---|\n");
        capabilities().forEach((name, c) -> md.append("| ").append(name).append(" | ").append(value(c.serverQueueWaitMeanMs(), 1))
                .append(" | ").append(percent(c.queueWaitsOver100msPct())).append(" | ").append(percent(c.queueWaitsOver1sPct()))
                .append(" | ").append(value(c.serverLatencyMeanMs(), 1))
                .append(" | ").append(value(c.batchSizeMean(), 2))
                .append(" | ").append(value(c.batchWaitMeanMs(), 1)).append(" |\n"));
        md.append("\nQueue rejections (429, global/audio limiter): ").append(value(embeddingQueueRejections, 0))
          .append("; chat batch queue rejections: ").append(value(chatBatchQueueRejections, 0))
          .append("; embedding cache hits / misses: ").append(value(embeddingCacheHits, 0))
          .append(" / ").append(value(embeddingCacheMisses, 0))
          .append("; chat batch queue max: ").append(value(chatBatchQueueSizeMax, 0))
          .append("; chat batch OOM retries: ").append(value(chatBatchOomRetries, 0))
          .append("; chat batch requeues: ").append(value(chatBatchRequeues, 0))
          .append("; warm-up pool ready workers: ").append(value(warmupPoolReadyWorkers, 0)).append(".\n");
        return md.toString();
    }

    /** A server figure, or "not exposed" when the server's /metrics has no such metric (or no sample of it). */
    private static String value(Double v, int decimals) {
        return v == null ? NOT_EXPOSED : Numbers.fixed(v, decimals);
    }

    private static String percent(Double v) {
        return v == null ? NOT_EXPOSED : Numbers.fixed(v, 1) + " %";
    }
}
