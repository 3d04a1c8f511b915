package io.llmload.emulator;

/**
 * The emulator's ground truth for one request, in {@link System#nanoTime()} units of this JVM.
 * "model" times are when the engine model produced a token; "written" times are when Netty
 * finished writing the bytes to the socket.
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
        long firstTokenWrittenNanos,
        long lastTokenModelNanos,
        long completedWrittenNanos) {

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
