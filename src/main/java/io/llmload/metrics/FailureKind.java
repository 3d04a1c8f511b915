package io.llmload.metrics;

import java.util.Locale;

/**
 * The stable kinds of a KO: what a dashboard groups by and an alert keys on. The reason text
 * beside the kind is for humans; the kind never changes with the server's wording.
 */
public enum FailureKind {
    /** the server answered a non-2xx status */
    HTTP_STATUS,
    /** the request budget ran out before the first content (non-streamed requests and jobs: before the answer) */
    TIMEOUT_NO_FIRST_TOKEN,
    /** the request budget ran out after content had started to arrive */
    TIMEOUT_MID_STREAM,
    /** the server said the request failed: an error event or field in the stream, an error body, a failed job */
    SERVER_ERROR_EVENT,
    /** the answer broke the protocol: not SSE, not JSON, bad UTF-8, no [DONE], a body shorter than its Content-Length */
    PROTOCOL_VIOLATION,
    /** the request never reached a server: refused, unreachable, unknown host, connect timeout */
    CONNECTION_REFUSED,
    /** the server closed the connection before the answer was complete */
    CONNECTION_CLOSED,
    /** the server answered, with no content */
    EMPTY_ANSWER,
    /** the answer's content failed the workload's check (JSON array, embedding vectors, a response_format schema ...) */
    INVALID_ANSWER,
    /** a tool call whose arguments are not JSON or do not match the function's parameters, to an undeclared function, or none where tool_choice required one */
    INVALID_TOOL_CALL,
    /** an SSE event or a body over the configured limit: the connection is closed, nothing more is read */
    RESPONSE_TOO_LARGE,
    /** an exception inside the suite while building, sending or reading the request */
    CLIENT_ERROR;

    /** The name used in summaries, the request log and InfluxDB's {@code failure_kind} tag, e.g. {@code http_status}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a {@link #key()}. */
    public static FailureKind fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** False for requests that never reached a server: they do not feed a level's throughput. */
    public boolean reachedServer() {
        return this != CONNECTION_REFUSED && this != CLIENT_ERROR;
    }
}
