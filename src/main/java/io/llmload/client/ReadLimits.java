package io.llmload.client;

/**
 * How much of an answer the client keeps: one SSE line or event ({@code target.max-event-size}) and
 * one whole body ({@code target.max-body-size}). Over either, the request is a KO
 * {@code response_too_large} and its connection is closed, so a server that never ends a line
 * costs a bounded amount of heap per request in flight.
 */
public record ReadLimits(int maxEventBytes, int maxBodyBytes) {

    /** What a failed (non-2xx) answer's body is read up to for its message; the rest is dropped. */
    public static final int MAX_ERROR_BODY = 64 * 1024;

    /** Limits for tests and tools that have no configuration: 1 MiB an event, 8 MiB a body. */
    public static final ReadLimits DEFAULT = new ReadLimits(1 << 20, 8 << 20);

    public ReadLimits {
        if (maxEventBytes < 1 || maxBodyBytes < 1) throw new IllegalArgumentException("read limits must be positive");
    }
}
