package io.llmload.emulator;

/**
 * The emulator's ground truth for one request, in {@link System#nanoTime()} units of this JVM.
 * "model" times are when the engine model produced a token; "write start" times are when the
 * emulator handed the bytes to Netty, "written" times when Netty's write to the socket returned. The
 * bytes reach the peer's socket in between; a writer preempted by the reader it woke stamps
 * "written" late, so "write start" is the conservative reference for a client's delay.
 */
public record RequestTrace(
        String id,
        String endpoint,
        boolean streamed,
        int status,
        int promptTokens,
        int cachedPromptTokens,
        int completionTokens,
        String finishReason,
        long arrivalNanos,
        long admittedNanos,
        long firstTokenModelNanos,
        long firstTokenWriteStartNanos,
        long firstTokenWrittenNanos,
        long lastTokenModelNanos,
        long completedWriteStartNanos,
        long completedWrittenNanos,
        int reasoningTokens,
        long firstAnswerWriteStartNanos) {

    /** A trace of an answer without reasoning: its first token is its answer's. */
    public RequestTrace(String id, String endpoint, boolean streamed, int status, int promptTokens, int cachedPromptTokens,
                        int completionTokens, String finishReason, long arrivalNanos, long admittedNanos, long firstTokenModelNanos,
                        long firstTokenWriteStartNanos, long firstTokenWrittenNanos, long lastTokenModelNanos,
                        long completedWriteStartNanos, long completedWrittenNanos) {
        this(id, endpoint, streamed, status, promptTokens, cachedPromptTokens, completionTokens, finishReason, arrivalNanos,
                admittedNanos, firstTokenModelNanos, firstTokenWriteStartNanos, firstTokenWrittenNanos, lastTokenModelNanos,
                completedWriteStartNanos, completedWrittenNanos, 0, firstTokenWriteStartNanos);
    }

    public double queueMillis() {
        return (admittedNanos - arrivalNanos) / 1e6;
    }

    /** Engine time from arrival to the first token. */
    public double ttftModelMillis() {
        return (firstTokenModelNanos - arrivalNanos) / 1e6;
    }

    /** Engine time from arrival to the last token. */
    public double e2eModelMillis() {
        return (lastTokenModelNanos - arrivalNanos) / 1e6;
    }
}
