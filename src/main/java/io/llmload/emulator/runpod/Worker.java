package io.llmload.emulator.runpod;

import io.llmload.emulator.engine.BatchingEngine;
import io.llmload.emulator.engine.Sequence;
import io.llmload.emulator.engine.TokenSink;

import java.util.concurrent.ScheduledFuture;

/** One serverless worker (one GPU, one job at a time), with its own engine for execution time. */
final class Worker {

    enum State { INITIALIZING, IDLE, RUNNING }

    final String id;
    final BatchingEngine engine;
    State state;
    long idleSinceNanos;
    Job job;
    Sequence sequence;
    ScheduledFuture<?> executionTimeout;

    Worker(String id, BatchingEngine engine, State state, long nowNanos) {
        this.id = id;
        this.engine = engine;
        this.state = state;
        this.idleSinceNanos = nowNanos;
    }

    /** Starts the job on this worker's engine; {@code done} runs on the engine's loop at the last token. */
    void run(Job next, long nowNanos, TokenSink done) {
        state = State.RUNNING;
        job = next;
        next.status = Job.IN_PROGRESS;
        next.startedNanos = nowNanos;
        next.workerId = id;
        sequence = new Sequence(next.id, next.promptTokens, new long[0], next.answerPieces, next.finishReason, nowNanos, done);
        engine.submit(sequence);
    }

    void release(long nowNanos) {
        if (executionTimeout != null) executionTimeout.cancel(false);
        executionTimeout = null;
        job = null;
        sequence = null;
        state = State.IDLE;
        idleSinceNanos = nowNanos;
    }
}
