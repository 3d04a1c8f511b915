package io.llmload.client;

import io.llmload.metrics.Failure;
import io.llmload.metrics.RequestRecord;

/**
 * What one LLM request produced, timed on the client. All nanos are {@link System#nanoTime()}:
 * {@code queuedNanos} when the action issued it, {@code startNanos} when its body was handed to
 * the connection (sent). {@code failure} is null when the request succeeded. {@code staleRetries}
 * counts sends repeated on a fresh connection after a kept-alive one turned out closed;
 * {@code usageRejected} says the server's usage held a count that cannot be true and was not used.
 */
public record LlmResponse(
        long startNanos,
        long queuedNanos,
        long endNanos,
        long firstContentNanos,
        long[] interTokenNanos,
        int httpStatus,
        String responseId,
        String text,
        String finishReason,
        int contentChunks,
        int usagePromptTokens,
        int usageCompletionTokens,
        boolean usageRejected,
        int staleRetries,
        Failure failure) {

    public static final String USAGE_OUT_OF_RANGE = "usage token count out of range";

    public boolean ok() {
        return failure == null;
    }

    public boolean hasFirstToken() {
        return firstContentNanos > 0;
    }

    public LlmResponse withFailure(Failure reason) {
        return new LlmResponse(startNanos, queuedNanos, endNanos, firstContentNanos, interTokenNanos, httpStatus, responseId,
                text, finishReason, contentChunks, usagePromptTokens, usageCompletionTokens, usageRejected, staleRetries, reason);
    }

    /** The record the metrics keep; output and prompt tokens come from usage when the server sent them. */
    public RequestRecord toRecord(String request, int level, long startEpochMillis, int clientOutputTokens,
                                  int clientPromptTokens, boolean streamed, String scenario) {
        return new RequestRecord(request, level, startEpochMillis, ok(), failure, httpStatus,
                endNanos - startNanos, hasFirstToken() && streamed ? firstContentNanos - startNanos : -1,
                streamed ? interTokenNanos : new long[0],
                usageCompletionTokens >= 0 ? usageCompletionTokens : clientOutputTokens,
                usageCompletionTokens >= 0, clientOutputTokens,
                usagePromptTokens >= 0 ? usagePromptTokens : clientPromptTokens, usagePromptTokens >= 0, clientPromptTokens,
                streamed, responseId, startNanos, startNanos - queuedNanos, -1, -1, staleRetries,
                usageRejected ? USAGE_OUT_OF_RANGE : null, scenario);
    }
}
