package io.llmload.emulator.engine;

import java.util.List;

/** One request inside the engine: its prompt size, the tokens it will produce, and its timeline. */
public final class Sequence {

    private final String id;
    private final int promptTokens;
    private final long[] promptBlockHashes;
    private final List<String> outputPieces;
    private final String finishReason;
    private final long arrivalNanos;
    private final TokenSink sink;

    private long admittedNanos = -1;
    private long firstTokenNanos = -1;
    private long lastTokenNanos = -1;
    private int cachedPromptTokens;
    private int emitted;
    private volatile boolean cancelled;

    /**
     * @param outputPieces the token pieces to produce, already cut to max_tokens
     * @param finishReason "length" when the answer was cut by max_tokens, else "stop"
     */
    public Sequence(String id, int promptTokens, long[] promptBlockHashes, List<String> outputPieces,
                    String finishReason, long arrivalNanos, TokenSink sink) {
        if (outputPieces.isEmpty()) throw new IllegalArgumentException("a sequence produces at least one token");
        this.id = id;
        this.promptTokens = promptTokens;
        this.promptBlockHashes = promptBlockHashes;
        this.outputPieces = outputPieces;
        this.finishReason = finishReason;
        this.arrivalNanos = arrivalNanos;
        this.sink = sink;
    }

    public String id() { return id; }
    public int promptTokens() { return promptTokens; }
    public int cachedPromptTokens() { return cachedPromptTokens; }
    public int outputTokens() { return outputPieces.size(); }
    public long arrivalNanos() { return arrivalNanos; }
    public long admittedNanos() { return admittedNanos; }
    public long firstTokenNanos() { return firstTokenNanos; }
    public long lastTokenNanos() { return lastTokenNanos; }
    public String finishReason() { return finishReason; }
    public boolean cancelled() { return cancelled; }
    long[] promptBlockHashes() { return promptBlockHashes; }

    /** Marks the sequence aborted (client went away); the engine drops it at its next step. */
    public void cancel() {
        cancelled = true;
    }

    void admit(long nanos, int cachedTokens) {
        admittedNanos = nanos;
        cachedPromptTokens = cachedTokens;
        sink.admitted(this);
    }

    TokenSink sink() {
        return sink;
    }

    /** Produces the next token on the engine's thread and returns its index; {@link #deliver} hands it to the sink. */
    int emit(long nanos) {
        int index = emitted++;
        if (index == 0) firstTokenNanos = nanos;
        lastTokenNanos = nanos;
        return index;
    }

    boolean isLast(int index) {
        return index == outputPieces.size() - 1;
    }

    /** Gives token {@code index} to the sink, and the end after the last one; on the sink's home thread. */
    void deliver(int index, long nanos) {
        sink.token(this, index, outputPieces.get(index), nanos);
        if (isLast(index)) sink.finished(this, finishReason, nanos);
    }

    long kvTokens() {
        return (long) promptTokens + emitted;
    }
}
