package io.llmload.client;

import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;
import io.netty.channel.ConnectTimeoutException;

import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static io.llmload.metrics.FailureKind.CLIENT_ERROR;
import static io.llmload.metrics.FailureKind.CONNECTION_CLOSED;
import static io.llmload.metrics.FailureKind.CONNECTION_REFUSED;
import static io.llmload.metrics.FailureKind.HTTP_STATUS;
import static io.llmload.metrics.FailureKind.INVALID_ANSWER;
import static io.llmload.metrics.FailureKind.PROTOCOL_VIOLATION;
import static io.llmload.metrics.FailureKind.RESPONSE_TOO_LARGE;
import static io.llmload.metrics.FailureKind.SERVER_ERROR_EVENT;
import static io.llmload.metrics.FailureKind.TIMEOUT_MID_STREAM;
import static io.llmload.metrics.FailureKind.TIMEOUT_NO_FIRST_TOKEN;

/** Stable KO reasons: they aggregate in Gatling's error table and in the summaries. */
public final class Failures {

    public static final Failure STREAM_WITHOUT_DONE = Failure.of(PROTOCOL_VIOLATION, "stream ended without [DONE]");
    public static final Failure INVALID_JSON_ANSWER = Failure.of(INVALID_ANSWER, "invalid JSON answer");
    public static final Failure EMPTY_ANSWER = Failure.of(FailureKind.EMPTY_ANSWER, "empty answer");
    public static final Failure NO_CONTENT = Failure.of(FailureKind.EMPTY_ANSWER, "the server sent no content");
    public static final Failure CHUNK_NOT_JSON = Failure.of(PROTOCOL_VIOLATION, "chunk is not JSON");
    public static final Failure CHUNK_NOT_UTF8 = Failure.of(PROTOCOL_VIOLATION, "chunk is not valid UTF-8");
    public static final Failure BODY_NOT_JSON = Failure.of(PROTOCOL_VIOLATION, "response body is not JSON");
    public static final Failure BODY_NOT_UTF8 = Failure.of(PROTOCOL_VIOLATION, "response body is not valid UTF-8");
    public static final Failure CLOSED_BEFORE_RESPONSE = Failure.of(CONNECTION_CLOSED, "connection closed before response");
    public static final Failure CLOSED_BEFORE_FIRST_TOKEN = Failure.of(CONNECTION_CLOSED, "connection closed before the first token");
    public static final Failure CLOSED_MID_STREAM = Failure.of(CONNECTION_CLOSED, "connection closed mid-stream");
    public static final Failure CLOSED_MID_BODY = Failure.of(CONNECTION_CLOSED, "connection closed mid-body");
    public static final Failure REFUSED = Failure.of(CONNECTION_REFUSED, "connection refused");

    private Failures() {
    }

    /** A non-success answer: {@code HTTP <status>: <the server's message>} (the message from any known error body). */
    public static Failure http(int status, String body) {
        String message = ErrorBodies.message(body);
        return Failure.of(HTTP_STATUS, "HTTP " + status + (message.isEmpty() ? "" : ": " + message));
    }

    /** The server reported an error inside a 200 answer (an error event, an {@code error} field or member). */
    public static Failure serverError(String message) {
        String text = ErrorBodies.clip(message);
        return Failure.of(SERVER_ERROR_EVENT, "error event in stream" + (text.isEmpty() ? "" : ": " + text));
    }

    /** The server said the request failed in a whole (non-streamed) body with status 200. */
    public static Failure errorInBody(String message) {
        String text = ErrorBodies.clip(message);
        return Failure.of(SERVER_ERROR_EVENT, "error in response" + (text.isEmpty() ? "" : ": " + text));
    }

    public static Failure protocol(String what) {
        return Failure.of(PROTOCOL_VIOLATION, ErrorBodies.clip(what));
    }

    public static Failure invalidAnswer(String what) {
        return Failure.of(INVALID_ANSWER, ErrorBodies.clip(what));
    }

    public static Failure emptyAnswer(String what) {
        return Failure.of(FailureKind.EMPTY_ANSWER, ErrorBodies.clip(what));
    }

    public static Failure tooLarge(String what, long limitBytes) {
        return Failure.of(RESPONSE_TOO_LARGE, "response too large: " + what + " over " + bytes(limitBytes));
    }

    /** An exception inside the suite: the request ends as a KO instead of leaving its virtual user hanging. */
    public static Failure clientError(String stage, Throwable error) {
        String message = error.getMessage() == null ? "" : ": " + ErrorBodies.clip(error.getMessage());
        return Failure.of(CLIENT_ERROR, stage + ": " + error.getClass().getSimpleName() + message);
    }

    /** The budget ran out; the wording says what had arrived (streams: tokens; other requests: the answer). */
    public static Failure timeout(long budgetMillis, boolean streamed, boolean firstToken, boolean responseStarted) {
        if (firstToken) return Failure.of(TIMEOUT_MID_STREAM, "timeout after " + budgetMillis + " ms (mid-stream)");
        if (streamed) return Failure.of(TIMEOUT_NO_FIRST_TOKEN, "timeout after " + budgetMillis + " ms (no first token)");
        return responseStarted
                ? Failure.of(TIMEOUT_MID_STREAM, "timeout after " + budgetMillis + " ms (body incomplete)")
                : Failure.of(TIMEOUT_NO_FIRST_TOKEN, "timeout after " + budgetMillis + " ms (no response)");
    }

    /** A transport error before any response byte (connect, TLS, write, a reset on a kept-alive connection ...). */
    public static Failure of(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof HttpConnectTimeoutException
                || cause instanceof ConnectTimeoutException) {
            return Failure.of(CONNECTION_REFUSED, "connect timeout");
        }
        if (cause instanceof HttpTimeoutException) return Failure.of(TIMEOUT_NO_FIRST_TOKEN, "timeout waiting for response headers");
        if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            return Failure.of(CONNECTION_REFUSED, "unknown host");
        }
        if (cause instanceof NoRouteToHostException) return Failure.of(CONNECTION_REFUSED, "no route to host");
        if (cause instanceof ConnectException) return REFUSED;
        if (cause instanceof SSLException) {
            return Failure.of(PROTOCOL_VIOLATION, "TLS handshake failed: " + ErrorBodies.clip(String.valueOf(cause.getMessage())));
        }
        if (cause instanceof ClosedChannelException || cause instanceof EOFException) return CLOSED_BEFORE_RESPONSE;
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof IOException
                && (message.contains("closed") || message.contains("reset") || message.contains("EOF") || message.contains("Broken pipe"))) {
            return CLOSED_BEFORE_RESPONSE;
        }
        if (cause instanceof IOException) {
            return Failure.of(CONNECTION_CLOSED, cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + ErrorBodies.clip(message)));
        }
        return clientError("transport", cause);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause.getClass() == IOException.class && cause.getCause() != null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A budget as a timeout's reason prints it: whole milliseconds, rounded up (a call given 199.9 ms of a 200 ms budget says 200). */
    static long labelMillis(Duration budget) {
        return (budget.toNanos() + 999_999) / 1_000_000;
    }

    static String bytes(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) return (n >> 20) + " MiB";
        if (n >= 1 << 10 && n % (1 << 10) == 0) return (n >> 10) + " KiB";
        return n + " bytes";
    }
}
