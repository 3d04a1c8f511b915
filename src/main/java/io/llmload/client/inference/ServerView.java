package io.llmload.client.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.Poller;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.PrometheusSamples;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's own view next to the client's: {@code GET /health} must say ok (and warm-up done)
 * before any load; {@code /metrics} is scraped before, during and after the run and the summary
 * gets the deltas of the tuning guide's counters and histograms per capability.
 */
public final class ServerView implements AutoCloseable {

    /** The server's capability names (metric prefixes) and the client request names that feed them. */
    public static final Map<String, List<String>> CAPABILITIES = Map.of(
            "embedding", List.of("embeddings"), "chat", List.of("chat", "vision"), "audio", List.of("audio"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The guide's question about queue waits: how many waited over 0.1 s, and over 1 s. */
    private static final double QUICK_QUEUE_WAIT_SECONDS = 0.1;
    private static final double SLOW_QUEUE_WAIT_SECONDS = 1;

    private final URI base;
    private final Poller poller;
    private PrometheusSamples before;
    private PrometheusSamples after;
    /** The chat batch queue's largest depth over the scrapes (null: the server does not expose it). */
    private Double chatBatchQueueMax;
    private int scrapes;
    private int failedScrapes;

    /**
     * @param serverRoot the server without /v1 ({@link io.llmload.client.Endpoint#serverRoot()})
     * @param maxBytes   the largest /health or /metrics answer read (target.max-body-size)
     */
    public ServerView(URI serverRoot, int maxBytes) {
        this.base = serverRoot;
        this.poller = new Poller("llmload-server-view", TIMEOUT, maxBytes);
    }

    /** Throws, naming the reason, unless /health says ok (and, when asked, that warm-up is done and nothing failed). */
    public void requireReady(boolean requireWarm) {
        Poller.Reply r;
        try {
            r = poller.get(URI.create(base + "/health"), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("target not ready: interrupted while asking " + base + "/health");
        } catch (Exception e) {
            throw new IllegalStateException("target not ready: GET " + base + "/health failed: " + e.getMessage());
        }
        JsonNode health;
        try {
            health = JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException("target not ready: GET /health answered HTTP " + r.status() + " without JSON");
        }
        String status = health.path("status").asText("?");
        if (r.status() != 200 || !"ok".equals(status)) {
            throw new IllegalStateException("target not ready: GET /health answered HTTP " + r.status() + ", status \"" + status + "\"");
        }
        if (!requireWarm) return;
        JsonNode warmup = health.path("warmup");
        if (warmup.path("failures").size() > 0) {
            throw new IllegalStateException("target not ready: warm-up failed for " + warmup.path("failures"));
        }
        if (warmup.has("done") && !warmup.path("done").asBoolean()) {
            throw new IllegalStateException("target not ready: warm-up not done (GET /health: warmup.done = false; capabilities "
                    + warmup.path("capabilities") + ")");
        }
        warmup.path("capabilities").fields().forEachRemaining(model -> model.getValue().fields().forEachRemaining(cap -> {
            if (!cap.getValue().asBoolean()) {
                throw new IllegalStateException("target not ready: warm-up not done for " + model.getKey() + " " + cap.getKey());
            }
        }));
    }

    /** Scrapes once now (the baseline) and then every {@code interval} (0 = not during the run). */
    public void start(Duration interval) {
        before = scrape();
        if (!interval.isZero()) poller.everyAfter(interval, this::scrape);
    }

    /** The last scrape, and the deltas since the first, beside what the client counted. */
    public ServerViewSection finish(LlmMetrics metrics) {
        poller.close();
        after = scrape();
        if (before == null || after == null) {
            return new ServerViewSection(scrapes, failedScrapes, null, null, null, null, null, null, null, null, null, null, null);
        }
        Double queueMax;
        synchronized (this) {
            queueMax = chatBatchQueueMax;
        }
        return new ServerViewSection(scrapes, failedScrapes, capability("audio", metrics), capability("chat", metrics),
                capability("embedding", metrics), delta("embedding_queue_rejections_total"), delta("chat_batch_queue_rejections_total"),
                delta("embedding_cache_hits_total"), delta("embedding_cache_misses_total"), queueMax,
                delta("chat_batch_oom_retries_total"), delta("chat_batch_requeues_total"), last("warmup_pool_ready_workers"));
    }

    private ServerViewSection.Capability capability(String cap, LlmMetrics metrics) {
        Map<Integer, Long> client = new TreeMap<>();
        for (String request : CAPABILITIES.get(cap)) metrics.overall(request).statuses().forEach((s, n) -> client.merge(s, n, Long::sum));
        boolean batched = !cap.equals("audio");
        String queueWait = cap + "_request_queue_wait_seconds";
        return new ServerViewSection.Capability(byStatus(cap + "_requests_total"), client,
                meanMillis(cap + "_request_latency_seconds"), meanMillis(queueWait),
                shareOver(queueWait, QUICK_QUEUE_WAIT_SECONDS), shareOver(queueWait, SLOW_QUEUE_WAIT_SECONDS),
                batched ? mean(cap + "_batch_size") : null, batched ? meanMillis(cap + "_batch_wait_seconds") : null);
    }

    private synchronized PrometheusSamples scrape() {
        try {
            PrometheusSamples samples = poller.metrics(URI.create(base + "/metrics"));
            if (samples == null) {
                failedScrapes++;
                return null;
            }
            scrapes++;
            double queue = samples.sum("chat_batch_queue_size");
            if (!Double.isNaN(queue)) chatBatchQueueMax = chatBatchQueueMax == null ? queue : Math.max(chatBatchQueueMax, queue);
            return samples;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            failedScrapes++;
            return null;
        }
    }

    /** The counter's deltas by status label, or null when the server does not expose the counter at all. */
    private Map<String, Long> byStatus(String counter) {
        if (after.samples().stream().noneMatch(s -> s.name().equals(counter))) return null;
        Map<String, Long> out = new TreeMap<>();
        for (PrometheusSamples.Sample s : after.samples()) {
            if (!s.name().equals(counter)) continue;
            String status = s.labels().getOrDefault("status", "?");
            double was = before.sum(counter, "status", status);
            long d = Math.round(s.value() - (Double.isNaN(was) ? 0 : was));
            if (d != 0) out.merge(status, d, Long::sum);
        }
        return out;
    }

    /** A gauge's value at the end of the run (summed over its label sets), or null when not exposed. */
    private Double last(String gauge) {
        double now = after.sum(gauge);
        return Double.isNaN(now) ? null : now;
    }

    /**
     * The share of the histogram's observations over the run above {@code seconds}, in percent, from
     * the deltas of its {@code le} bucket (matched by value: "1" and "1.0" alike) and its count; null
     * when the server exposes no such bucket or nothing was observed.
     */
    private Double shareOver(String histogram, double seconds) {
        Double count = delta(histogram + "_count");
        double now = bucket(after, histogram, seconds);
        if (count == null || count == 0 || Double.isNaN(now)) return null;
        double was = bucket(before, histogram, seconds);
        return 100 * (count - (now - (Double.isNaN(was) ? 0 : was))) / count;
    }

    private static double bucket(PrometheusSamples samples, String histogram, double le) {
        double total = Double.NaN;
        for (PrometheusSamples.Sample s : samples.samples()) {
            if (!s.name().equals(histogram + "_bucket")) continue;
            try {
                if (Double.parseDouble(s.labels().getOrDefault("le", "")) != le) continue;
            } catch (NumberFormatException e) {
                continue;
            }
            total = (Double.isNaN(total) ? 0 : total) + s.value();
        }
        return total;
    }

    /** The counter's change over the run, or null when the server does not expose it. */
    private Double delta(String name) {
        double now = after.sum(name);
        double was = before.sum(name);
        if (Double.isNaN(now)) return null;
        return now - (Double.isNaN(was) ? 0 : was);
    }

    private Double mean(String histogram) {
        Double count = delta(histogram + "_count");
        Double sum = delta(histogram + "_sum");
        return count == null || sum == null || count == 0 ? null : sum / count;
    }

    private Double meanMillis(String histogram) {
        Double seconds = mean(histogram);
        return seconds == null ? null : seconds * 1000;
    }

    @Override
    public void close() {
        poller.close();
    }
}
