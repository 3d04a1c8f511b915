package io.llmload.emulator.inference;

import io.llmload.emulator.PrometheusHistogram;
import io.llmload.emulator.PrometheusText;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The inference server's /metrics, with the metric names of the tuning guide. */
final class InferenceMetrics {

    static final String EMBEDDING = "embedding";
    static final String CHAT = "chat";
    static final String AUDIO = "audio";
    private static final double[] SECONDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final double[] SIZES = {1, 2, 4, 8, 16, 32, 64};

    private final InferenceServerSettings settings;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, PrometheusHistogram> histograms = new ConcurrentHashMap<>();
    final LongAdder queueRejections = new LongAdder();
    final LongAdder chatBatchQueueRejections = new LongAdder();
    final LongAdder chatBatchOomRetries = new LongAdder();
    final LongAdder chatBatchRequeues = new LongAdder();
    final LongAdder embeddingCacheHits = new LongAdder();
    final LongAdder embeddingCacheMisses = new LongAdder();
    private IntSupplier chatBatchQueueSize = () -> 0;
    private IntSupplier readyWorkers = () -> 0;

    InferenceMetrics(InferenceServerSettings settings) {
        this.settings = settings;
    }

    void gauges(IntSupplier chatQueue, IntSupplier ready) {
        this.chatBatchQueueSize = chatQueue;
        this.readyWorkers = ready;
    }

    String model(String capability) {
        return switch (capability) {
            case EMBEDDING -> settings.embeddingModel();
            case CHAT -> settings.chatModel();
            default -> settings.audioModel();
        };
    }

    void request(String capability, int status) {
        requests.computeIfAbsent(capability + "\u0000" + status, k -> new LongAdder()).increment();
    }

    void observe(String name, String capability, double value) {
        histograms.computeIfAbsent(name + "\u0000" + capability,
                k -> new PrometheusHistogram(name.endsWith("_size") ? SIZES : SECONDS)).observe(value);
    }

    long requestsWithStatus(String capability, int status) {
        LongAdder a = requests.get(capability + "\u0000" + status);
        return a == null ? 0 : a.sum();
    }

    String render() {
        StringBuilder out = new StringBuilder(8192);
        for (String capability : new String[]{EMBEDDING, CHAT, AUDIO}) {
            String name = capability + "_requests_total";
            out.append("# HELP ").append(name).append(" Requests by model and HTTP status.\n# TYPE ").append(name).append(" counter\n");
            Map<Integer, Long> byStatus = new TreeMap<>();
            requests.forEach((k, v) -> {
                String[] parts = k.split("\u0000");
                if (parts[0].equals(capability)) byStatus.put(Integer.parseInt(parts[1]), v.sum());
            });
            byStatus.forEach((status, count) -> out.append(name).append("{model=\"").append(model(capability))
                    .append("\",status=\"").append(status).append("\"} ").append(PrometheusText.num(count)).append('\n'));
        }
        new TreeMap<>(histograms).forEach((key, h) -> {
            String[] parts = key.split("\u0000");
            h.render(out, parts[0], parts[0].replace('_', ' '), "model=\"" + model(parts[1]) + "\"");
        });
        counter(out, "embedding_queue_rejections_total", "Requests rejected by the global limiter or the audio limiter.", "", queueRejections.sum());
        String chatLabel = "{model=\"" + settings.chatModel() + "\"}";
        String embeddingLabel = "{model=\"" + settings.embeddingModel() + "\"}";
        counter(out, "chat_batch_queue_rejections_total", "Requests rejected due to chat batch queue limits.", chatLabel, chatBatchQueueRejections.sum());
        counter(out, "chat_batch_oom_retries_total", "Batch OOM retry count.", chatLabel, chatBatchOomRetries.sum());
        counter(out, "chat_batch_requeues_total", "Re-queue count due to incompatible configuration/fallback.", chatLabel, chatBatchRequeues.sum());
        counter(out, "embedding_cache_hits_total", "Embedding cache hits.", embeddingLabel, embeddingCacheHits.sum());
        counter(out, "embedding_cache_misses_total", "Embedding cache misses.", embeddingLabel, embeddingCacheMisses.sum());
        out.append("# HELP chat_batch_queue_size Current chat batch queue depth.\n# TYPE chat_batch_queue_size gauge\n")
           .append("chat_batch_queue_size").append(chatLabel).append(' ').append(PrometheusText.num(chatBatchQueueSize.getAsInt())).append('\n');
        out.append("# HELP warmup_pool_ready_workers Workers warmed up and ready.\n# TYPE warmup_pool_ready_workers gauge\n");
        for (String[] c : new String[][]{{settings.embeddingModel(), "embedding"}, {settings.chatModel(), "chat"}, {settings.audioModel(), "audio"}}) {
            out.append("warmup_pool_ready_workers{model=\"").append(c[0]).append("\",capability=\"").append(c[1])
               .append("\",executor=\"").append(c[1]).append("\"} ").append(PrometheusText.num(readyWorkers.getAsInt())).append('\n');
        }
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, String label, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
           .append(name).append(label).append(' ').append(PrometheusText.num(value)).append('\n');
    }
}
