package io.llmload.emulator.engine;

/** Receives a sequence's tokens on the engine thread; implementations must not block. */
public interface TokenSink {

    /** The sequence was admitted into the running batch. */
    default void admitted(Sequence sequence) {
    }

    /** Token {@code index} (0-based) was produced at engine time {@code modelNanos}. */
    void token(Sequence sequence, int index, String piece, long modelNanos);

    /** The last token was produced; {@code finishReason} is "stop" or "length". */
    void finished(Sequence sequence, String finishReason, long modelNanos);
}
