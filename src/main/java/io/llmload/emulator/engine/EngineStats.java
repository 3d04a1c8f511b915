package io.llmload.emulator.engine;

import java.util.concurrent.atomic.LongAdder;

/** Counters and gauges the engine publishes; written on the engine thread, read by /metrics. */
public final class EngineStats {

    volatile int running;
    volatile int waiting;
    volatile double kvCacheUsage;
    final LongAdder promptTokens = new LongAdder();
    final LongAdder generationTokens = new LongAdder();
    final LongAdder prefixCacheQueries = new LongAdder();
    final LongAdder prefixCacheHits = new LongAdder();
    final LongAdder finishedStop = new LongAdder();
    final LongAdder finishedLength = new LongAdder();
    final LongAdder aborted = new LongAdder();

    public int running() { return running; }
    public int waiting() { return waiting; }
    public double kvCacheUsage() { return kvCacheUsage; }
    public long promptTokensTotal() { return promptTokens.sum(); }
    public long generationTokensTotal() { return generationTokens.sum(); }
    public long prefixCacheQueriesTotal() { return prefixCacheQueries.sum(); }
    public long prefixCacheHitsTotal() { return prefixCacheHits.sum(); }
    public long finishedStopTotal() { return finishedStop.sum(); }
    public long finishedLengthTotal() { return finishedLength.sum(); }
    public long abortedTotal() { return aborted.sum(); }
}
