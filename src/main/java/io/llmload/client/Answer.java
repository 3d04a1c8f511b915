package io.llmload.client;

import io.llmload.metrics.Failure;

/**
 * What the transport read for one call, timed on the client. All nanos are {@link System#nanoTime()}:
 * {@code issuedNanos} when the call was handed to the transport, {@code sentNanos} when its bytes
 * went to the connection (or {@code issuedNanos} when they never did), {@code endNanos} its last
 * byte (or the failure). For streams, {@code firstContentNanos} (-1: none) and the gaps between
 * content chunks; a reasoning model's stream also has its first thinking chunk
 * ({@code firstReasoningNanos}) and the first chunk of its answer proper ({@code firstAnswerNanos}), -1 when none; a
 * stream of tool calls, the chunk that completed them ({@code lastToolCallNanos}, -1: none). {@code failure} is what the transport saw wrong (status, framing, limits,
 * connection, budget, an error the server reported in the stream); the call's decoder holds the
 * content. {@code staleRetries} counts sends repeated on a fresh connection.
 */
public record Answer(HttpCall call, int status, long issuedNanos, long sentNanos, long endNanos, long firstContentNanos,
                     long firstReasoningNanos, long firstAnswerNanos, long lastToolCallNanos, long[] interTokenNanos, int contentChunks, int staleRetries,
                     Failure failure) {

    public boolean ok() {
        return failure == null;
    }

    public boolean hasFirstToken() {
        return firstContentNanos > 0;
    }
}
