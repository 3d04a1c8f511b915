package io.llmload.emulator.inference;

import io.llmload.emulator.Json;
import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The inference server's scheduling model, all on one event loop: a global limiter
 * ({@code max-concurrent} + {@code max-queue-size}, else 429), an audio limiter in front of it,
 * micro-batching windows for embeddings and chat (a batch is one forward pass holding one permit),
 * a chat batch queue limit, an LRU embedding cache, per-capability timeouts (504, best effort: the
 * pass still runs to its end) and a warm-up period (503).
 */
public final class InferenceServer {

    final InferenceServerSettings settings;
    final InferenceMetrics metrics;
    private final EventLoop loop;
    private final Limiter limiter;
    private final Limiter audioLimiter;
    private final Batcher embeddingBatcher;
    private final Batcher chatBatcher;
    private final Map<String, Boolean> cache;
    private final long startNanos = System.nanoTime();

    final LongAdder imagesReceived = new LongAdder();
    private final AtomicLong chatBatches = new AtomicLong();

    public InferenceServer(InferenceServerSettings settings, EventLoop loop) {
        this.settings = settings;
        this.loop = loop;
        this.metrics = new InferenceMetrics(settings);
        this.limiter = new Limiter(settings.maxConcurrent(), settings.maxQueueSize());
        this.audioLimiter = new Limiter(settings.audioMaxConcurrent(), settings.maxQueueSize());
        this.embeddingBatcher = new Batcher(settings.embeddingBatchWindow().toNanos(), settings.embeddingBatchMaxSize(),
                this::runEmbeddingBatch);
        this.chatBatcher = new Batcher(settings.chatBatchWindow().toNanos(), settings.chatBatchMaxSize(), this::runChatBatch);
        int cacheSize = settings.embeddingCacheSize();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > cacheSize;
            }
        };
        metrics.gauges(chatBatcher::pendingUnits, () -> warm() ? settings.maxConcurrent() : 0);
    }

    EventLoop loop() {
        return loop;
    }

    boolean warm() {
        return System.nanoTime() - startNanos >= settings.warmupDuration().toNanos();
    }

    public long rejectionsTotal() {
        return metrics.queueRejections.sum() + metrics.chatBatchQueueRejections.sum();
    }

    public long requestsWithStatus(String capability, int status) {
        return metrics.requestsWithStatus(capability, status);
    }

    public long cacheHits() {
        return metrics.embeddingCacheHits.sum();
    }

    /** Ground truth: chat batches run (an out-of-memory batch counts once). */
    public long chatBatchesRun() {
        return chatBatches.get();
    }

    /** Ground truth: requests sent back to the chat queue. */
    public long chatRequeues() {
        return metrics.chatBatchRequeues.sum();
    }

    /** Ground truth: images received in chat requests (each checked to be a PNG or JPEG data URL). */
    public long imagesReceived() {
        return imagesReceived.sum();
    }

    /** Embeddings for {@code texts}; cached texts need no forward pass. */
    void embed(List<String> texts, Reply reply, Consumer<Work> answer) {
        long arrival = System.nanoTime();
        List<String> uncached = new ArrayList<>();
        for (String text : texts) {
            if (settings.embeddingCacheSize() > 0 && cache.get(text) != null) {
                metrics.embeddingCacheHits.increment();
            } else {
                metrics.embeddingCacheMisses.increment();
                uncached.add(text);
            }
        }
        int chars = uncached.stream().mapToInt(String::length).sum();
        Work work = new Work(InferenceMetrics.EMBEDDING, arrival, reply, uncached, chars, 0, false, 0);
        work.onDone = answer;
        if (uncached.isEmpty()) {
            metrics.observe("embedding_request_queue_wait_seconds", InferenceMetrics.EMBEDDING, 0);
            finish(work, 200);
            return;
        }
        guard(work, settings.embeddingTimeout().toNanos());
        if (settings.embeddingBatching()) embeddingBatcher.add(work);
        else runEmbeddingBatch(List.of(work));
    }

    void chat(Work work) {
        guard(work, settings.chatTimeout().toNanos());
        if (settings.chatBatching()) {
            if (chatBatcher.pendingUnits() >= settings.chatBatchQueueSize()) {
                metrics.chatBatchQueueRejections.increment();
                reject(work, 429, "chat batch queue is full");
                return;
            }
            chatBatcher.add(work);
        } else {
            runChatBatch(List.of(work));
        }
    }

    void transcribe(Work work) {
        guard(work, settings.audioTimeout().toNanos());
        boolean queued = audioLimiter.acquire(() -> {
            boolean inner = limiter.acquire(() -> {
                observeQueueWait(List.of(work), System.nanoTime());
                long cost = settings.audioBaseCost().toNanos() + (long) (work.audioSeconds * settings.audioRealTimeFactor() * 1e9);
                loop.schedule(() -> {
                    limiter.release();
                    audioLimiter.release();
                    finish(work, 200);
                }, cost, TimeUnit.NANOSECONDS);
            });
            if (!inner) {
                audioLimiter.release();
                metrics.queueRejections.increment();
                reject(work, 429, "server busy: the request queue is full");
            }
        });
        if (!queued) {
            metrics.queueRejections.increment();
            reject(work, 429, "server busy: the audio queue is full");
        }
    }

    private void runEmbeddingBatch(List<Work> batch) {
        long formed = System.nanoTime();
        int texts = 0;
        int chars = 0;
        for (Work w : batch) {
            metrics.observe("embedding_batch_wait_seconds", InferenceMetrics.EMBEDDING, (formed - w.arrivalNanos) / 1e9);
            texts += w.pieces.size();
            chars += w.chars;
        }
        metrics.observe("embedding_batch_size", InferenceMetrics.EMBEDDING, texts);
        long cost = settings.embeddingBaseCost().toNanos() + settings.embeddingPerItemCost().toNanos() * texts
                + settings.embeddingPerCharCost().toNanos() * chars;
        forwardPass(batch, cost, () -> {
            for (Work w : batch) {
                for (String text : w.pieces) cache.put(text, Boolean.TRUE);
                finish(w, 200);
            }
        });
    }

    private void runChatBatch(List<Work> formedBatch) {
        long ordinal = chatBatches.incrementAndGet();
        boolean requeue = settings.chatRequeueEvery() > 0 && ordinal % settings.chatRequeueEvery() == 0 && formedBatch.size() > 1;
        List<Work> batch = requeue ? formedBatch.subList(0, formedBatch.size() - 1) : formedBatch;
        if (requeue) {
            // the last request goes back to the queue for the next batch
            metrics.chatBatchRequeues.increment();
            chatBatcher.add(formedBatch.get(formedBatch.size() - 1));
        }
        boolean oom = settings.chatOomEvery() > 0 && ordinal % settings.chatOomEvery() == 0;
        if (oom) metrics.chatBatchOomRetries.increment();
        long formed = System.nanoTime();
        int longest = 0;
        int images = 0;
        for (Work w : batch) {
            metrics.observe("chat_batch_wait_seconds", InferenceMetrics.CHAT, (formed - w.arrivalNanos) / 1e9);
            longest = Math.max(longest, w.pieces.size());
            images += w.images;
        }
        metrics.observe("chat_batch_size", InferenceMetrics.CHAT, batch.size());
        // an out-of-memory attempt costs its prefill before the retry pays it again
        long prefill = (settings.chatPrefillCost().toNanos() + settings.chatVisionCost().toNanos() * images) * (oom ? 2 : 1);
        long perToken = settings.chatPerTokenCost().toNanos();
        int steps = longest;
        forwardPass(batch, prefill + perToken * steps, null, start -> {
            for (Work w : batch) if (w.stream && !w.answered && w.reply.open()) w.reply.streamStart();
            for (int k = 0; k < steps; k++) {
                int index = k;
                loop.schedule(() -> {
                    for (Work w : batch) {
                        if (index >= w.pieces.size() || w.answered) continue;
                        if (w.stream && w.reply.open()) w.onToken.accept(index);
                        if (index == w.pieces.size() - 1) finish(w, 200);
                    }
                }, start + prefill + perToken * (k + 1) - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        });
    }

    /** One forward pass: waits for a permit (or is rejected), then holds it for {@code cost}. */
    private void forwardPass(List<Work> batch, long cost, Runnable done) {
        forwardPass(batch, cost, done, null);
    }

    private void forwardPass(List<Work> batch, long cost, Runnable done, Consumer<Long> started) {
        boolean queued = limiter.acquire(() -> {
            long start = System.nanoTime();
            observeQueueWait(batch, start);
            if (started != null) started.accept(start);
            loop.schedule(() -> {
                limiter.release();
                if (done != null) done.run();
            }, cost, TimeUnit.NANOSECONDS);
        });
        if (!queued) {
            metrics.queueRejections.increment();
            for (Work w : batch) reject(w, 429, "server busy: the request queue is full");
        }
    }

    private void observeQueueWait(List<Work> batch, long granted) {
        for (Work w : batch) {
            metrics.observe(w.capability + "_request_queue_wait_seconds", w.capability, (granted - w.arrivalNanos) / 1e9);
        }
    }

    private void guard(Work work, long timeoutNanos) {
        work.timeout = loop.schedule(() -> {
            if (!work.answered) reject(work, 504, work.capability + " timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    void reject(Work work, int status, String message) {
        if (work.answered) return;
        work.answered = true;
        if (work.timeout != null) work.timeout.cancel(false);
        count(work, status);
        if (work.reply.open()) work.reply.json(status, "{\"detail\":" + Json.quote(message) + "}");
    }

    private void finish(Work work, int status) {
        if (work.answered) return;
        work.answered = true;
        if (work.timeout != null) work.timeout.cancel(false);
        count(work, status);
        if (work.reply.open()) work.onDone.accept(work);
    }

    private void count(Work work, int status) {
        int counted = work.reply.open() ? status : 499;
        metrics.request(work.capability, counted);
        metrics.observe(work.capability + "_request_latency_seconds", work.capability, (System.nanoTime() - work.arrivalNanos) / 1e9);
    }

    /** Collects work for up to a window or a size, then runs it as one batch. */
    private final class Batcher {
        private final long windowNanos;
        private final int maxUnits;
        private final Consumer<List<Work>> run;
        private List<Work> pending = new ArrayList<>();
        private int pendingUnits;
        private long generation;

        Batcher(long windowNanos, int maxUnits, Consumer<List<Work>> run) {
            this.windowNanos = windowNanos;
            this.maxUnits = maxUnits;
            this.run = run;
        }

        void add(Work work) {
            pending.add(work);
            pendingUnits += work.units();
            if (pendingUnits >= maxUnits || windowNanos == 0) {
                close();
            } else if (pending.size() == 1) {
                long mine = generation;
                loop.schedule(() -> {
                    if (generation == mine) close();
                }, windowNanos, TimeUnit.NANOSECONDS);
            }
        }

        int pendingUnits() {
            return pendingUnits;
        }

        private void close() {
            if (pending.isEmpty()) return;
            List<Work> batch = pending;
            pending = new ArrayList<>();
            pendingUnits = 0;
            generation++;
            run.accept(batch);
        }
    }
}
