package io.llmload.emulator.engine;

import java.util.concurrent.Executor;

/**
 * Receives a sequence's tokens, on the engine thread or on the sink's own {@link #home()}; implementations
 * must not block.
 */
public interface TokenSink {

    /**
     * The thread the tokens must be written from (a connection's IO loop), or null for the engine's own.
     * The engine hands each such loop its step's tokens in one task, in the order they were produced.
     */
    default Executor home() {
        return null;
    }

    /** The sequence was admitted into the running batch. */
    default void admitted(Sequence sequence) {
    }

    /** Token {@code index} (0-based) was produced at engine time {@code modelNanos}. */
    void token(Sequence sequence, int index, String piece, long modelNanos);

    /** The last token was produced; {@code finishReason} is "stop" or "length". */
    void finished(Sequence sequence, String finishReason, long modelNanos);
}
