package io.llmload.emulator.engine;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A discrete-time continuous-batching engine. All state lives on one event-loop thread, so no locks;
 * steps are scheduled at absolute engine times (a late wake-up does not shift later steps).
 */
public final class BatchingEngine implements AutoCloseable {

    private final EngineParameters params;
    private final EventLoop loop;
    private final boolean ownsLoop;
    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    private final List<Sequence> running = new ArrayList<>();
    private final PrefixCache prefixCache;
    private final EngineStats stats = new EngineStats();
    private final StepDeliveries deliveries;
    private boolean stepping;

    /** An engine on its own thread. */
    public BatchingEngine(EngineParameters params) {
        this(params, new DefaultEventLoop(new DefaultThreadFactory("llmload-engine", true)), true);
    }

    /**
     * An engine on an existing event loop; when that loop also serves the connections, token writes
     * need no thread hop, so the first byte leaves as the model's step ends.
     */
    public BatchingEngine(EngineParameters params, EventLoop loop) {
        this(params, loop, false);
    }

    private BatchingEngine(EngineParameters params, EventLoop loop, boolean ownsLoop) {
        this.params = params;
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        this.prefixCache = params.prefixCacheEnabled() ? new PrefixCache(params.prefixCacheCapacityBlocks()) : null;
        this.deliveries = new StepDeliveries(loop);
    }

    public EngineParameters parameters() {
        return params;
    }

    public EngineStats stats() {
        return stats;
    }

    /** Block hashes for the prefix cache, computed on the caller's thread. */
    public long[] promptBlockHashes(int[] promptTokenIds) {
        return prefixCache == null ? new long[0] : PrefixCache.blockHashes(promptTokenIds, params.prefixCacheBlockTokens());
    }

    public void submit(Sequence sequence) {
        loop.execute(() -> {
            waiting.add(sequence);
            stats.waiting = waiting.size();
            if (!stepping) {
                startStep(System.nanoTime());
            }
        });
    }

    private void startStep(long stepStart) {
        long prefillTokens = admit(stepStart);
        if (running.isEmpty()) {
            stepping = false;
            return;
        }
        stepping = true;
        long stepEnd = stepStart + params.stepNanos(running.size(), prefillTokens);
        long delay = stepEnd - System.nanoTime();
        loop.schedule(() -> endStep(stepEnd), Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private long admit(long stepStart) {
        long budget = params.maxBatchedTokens() - running.size();
        long prefillTokens = 0;
        while (running.size() < params.maxNumSeqs() && !waiting.isEmpty()) {
            Sequence next = waiting.peek();
            if (next.cancelled()) {
                waiting.poll();
                stats.aborted.increment();
                continue;
            }
            int cached = cachedTokens(next);
            int uncached = next.promptTokens() - cached;
            if (prefillTokens > 0 && prefillTokens + uncached > budget) {
                break;
            }
            waiting.poll();
            if (prefixCache != null) {
                prefixCache.insert(next.promptBlockHashes());
                stats.prefixCacheQueries.add(next.promptTokens());
                stats.prefixCacheHits.add(cached);
            }
            next.admit(stepStart, cached);
            prefillTokens += uncached;
            running.add(next);
            stats.promptTokens.add(next.promptTokens());
        }
        stats.waiting = waiting.size();
        stats.running = running.size();
        return prefillTokens;
    }

    private int cachedTokens(Sequence sequence) {
        if (prefixCache == null) return 0;
        int hitBlocks = prefixCache.lookup(sequence.promptBlockHashes());
        // as in vLLM, the last prompt token is always computed
        return Math.min(hitBlocks * params.prefixCacheBlockTokens(), sequence.promptTokens() - 1);
    }

    private void endStep(long stepEnd) {
        long kvTokens = 0;
        for (Iterator<Sequence> it = running.iterator(); it.hasNext(); ) {
            Sequence sequence = it.next();
            if (sequence.cancelled()) {
                it.remove();
                stats.aborted.increment();
                continue;
            }
            stats.generationTokens.increment();
            int index = sequence.emit(stepEnd);
            deliveries.add(sequence, index, stepEnd);
            if (sequence.isLast(index)) {
                it.remove();
                ("length".equals(sequence.finishReason()) ? stats.finishedLength : stats.finishedStop).increment();
            } else {
                kvTokens += sequence.kvTokens();
            }
        }
        deliveries.send(stepEnd);
        stats.running = running.size();
        stats.kvCacheUsage = params.kvCacheCapacityTokens() > 0
                ? Math.min(1.0, (double) kvTokens / params.kvCacheCapacityTokens()) : 0.0;
        if (running.isEmpty() && waiting.isEmpty()) {
            stepping = false;
        } else {
            startStep(stepEnd);
        }
    }

    @Override
    public void close() {
        if (ownsLoop) loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
