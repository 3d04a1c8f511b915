package io.llmload.target;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;

/** Stable KO reasons: they aggregate in Gatling's error table and in the summaries. */
public final class Failures {

    public static final String STREAM_WITHOUT_DONE = "stream ended without [DONE]";
    public static final String INVALID_JSON_ANSWER = "invalid JSON answer";
    public static final String EMPTY_ANSWER = "empty answer";

    private Failures() {
    }

    /** A non-success answer: {@code HTTP <status>: <the server's message>} (the message from any known error body). */
    public static String http(int status, String body) {
        String message = ErrorBodies.message(body);
        return "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
    }

    public static String timeoutBeforeFirstToken(long budgetMillis) {
        return "timeout after " + budgetMillis + " ms (no first token)";
    }

    public static String timeoutMidStream(long budgetMillis) {
        return "timeout after " + budgetMillis + " ms (mid-stream)";
    }

    public static String of(Throwable error, boolean afterFirstToken) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause.getClass() == IOException.class && cause.getCause() != null)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpConnectTimeoutException) return "connect timeout";
        if (cause instanceof HttpTimeoutException) return "timeout waiting for response headers";
        if (cause instanceof ConnectException) return "connection refused";
        if (cause instanceof ClosedChannelException || cause instanceof java.io.EOFException) {
            return afterFirstToken ? "connection closed mid-stream" : "connection closed before response";
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (message.contains("closed") || message.contains("reset") || message.contains("EOF")) {
            return afterFirstToken ? "connection closed mid-stream" : "connection closed before response";
        }
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + ErrorBodies.clip(message));
    }
}
