package io.llmload.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reads one answer as it arrives and times it: the first content chunk (TTFT), every gap between
 * content chunks (ITL) and the last byte (E2E). The framing is its own (status, headers, Server-Sent
 * Events, read limits); what the bytes mean is the call's {@link AnswerDecoder}'s. Completes exactly
 * once: on the end of the body, on an I/O error, on the budget, or as soon as the answer breaks a
 * read limit, whichever comes first. A failure is classified by what had arrived: nothing, headers,
 * or content. Both clients feed it: the JDK's as a body subscriber, Netty's through
 * {@link #onHeaders} and {@link #onNext(ByteBuf)}.
 */
final class ResponseReader implements HttpResponse.BodySubscriber<Void> {

    private static final ObjectReader JSON = new ObjectMapper().reader();
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final HttpCall call;
    private final AnswerDecoder decoder;
    private final long issuedNanos;
    private final LongSupplier sentNanos;
    private final ReadLimits limits;
    private final Consumer<Answer> onDone;
    private final AtomicBoolean done = new AtomicBoolean();
    private final CompletableFuture<Void> body = new CompletableFuture<>();

    private volatile Flow.Subscription subscription;
    /**
     * The budget's timer, cancelled as soon as the call ends: a pending timer would keep this reader
     * reachable for the rest of the budget (and into the old generation).
     */
    private volatile Future<?> budgetTimer;
    private int status;
    private String contentType;
    private long contentLength = -1;
    private boolean eventStream;
    private long received;
    private int staleRetries;
    private final SseParser parser;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final LongList gaps = new LongList();
    private long chunkNanos;
    private long firstContent = -1;
    private long lastContent = -1;
    /** A reasoning model's stream: its first thinking chunk, and its first chunk of the answer itself. */
    private long firstReasoning = -1;
    private long firstAnswer = -1;
    /** The last chunk that carried a piece of a tool call: the call is complete then. */
    private long lastToolCall = -1;
    private int contentChunks;
    private boolean sawDone;
    /** The first thing wrong with the stream: what the server said, or how it broke the protocol. */
    private Failure streamFailure;

    ResponseReader(long issuedNanos, LongSupplier sentNanos, HttpCall call, ReadLimits limits, Consumer<Answer> onDone) {
        this.call = call;
        this.decoder = call.decoder();
        this.issuedNanos = issuedNanos;
        this.sentNanos = sentNanos;
        this.limits = limits;
        this.onDone = onDone;
        this.parser = new SseParser(this::onEvent, limits.maxEventBytes());
    }

    /** The JDK client's body handler: notes the status line and headers, then streams the body into this subscriber. */
    HttpResponse.BodySubscriber<Void> forStatus(HttpResponse.ResponseInfo info) {
        onHeaders(info.statusCode(), info.headers().firstValue("content-type").orElse(null),
                info.headers().firstValueAsLong("content-length").orElse(-1));
        return this;
    }

    /** The response's status line and headers arrived. */
    synchronized void onHeaders(int statusCode, String type, long length) {
        status = statusCode;
        contentType = type;
        contentLength = length;
        // a server that sends no Content-Type is read as a stream; any other type is a protocol violation (onComplete)
        eventStream = call.streamed() && status / 100 == 2
                && (type == null || type.toLowerCase(Locale.ROOT).startsWith(HttpCall.EVENT_STREAM));
    }

    @Override
    public CompletionStage<Void> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (done.get()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        chunkNanos = System.nanoTime();
        for (ByteBuffer buffer : buffers) {
            if (done.get()) return;
            read(Unpooled.wrappedBuffer(buffer));
        }
    }

    /** The Netty client's read: the same as {@link #onNext(List)} without wrapping the buffer. */
    synchronized void onNext(ByteBuf content) {
        chunkNanos = System.nanoTime();
        if (done.get()) return;
        read(content);
    }

    private void read(ByteBuf content) {
        int n = content.readableBytes();
        received += n;
        if (eventStream) {
            parser.feed(content);
            if (parser.overflowed()) abandon(Failures.tooLarge("an SSE line", limits.maxEventBytes()));
            return;
        }
        boolean success = status / 100 == 2;
        int limit = success ? limits.maxBodyBytes() : ReadLimits.MAX_ERROR_BODY;
        int room = limit - raw.size();
        if (n > room) {
            // an error body is read for its message only: what is past the limit is not needed
            if (success) {
                abandon(Failures.tooLarge("the body", limits.maxBodyBytes()));
            } else {
                copy(content, room);
                abandon(decoder.httpFailure(status, raw.toString(StandardCharsets.UTF_8)));
            }
            return;
        }
        copy(content, n);
    }

    private void copy(ByteBuf content, int n) {
        if (n <= 0) return;
        byte[] bytes = new byte[n];
        content.getBytes(content.readerIndex(), bytes);
        raw.write(bytes, 0, n);
    }

    /** Ends the call now and closes its connection: nothing more of this answer is read. */
    private void abandon(Failure failure) {
        if (complete(System.nanoTime(), failure)) cancel();
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
    }

    @Override
    public synchronized void onError(Throwable error) {
        body.completeExceptionally(error);
        Failure failure = Failures.of(error);
        if (failure.kind() == FailureKind.CONNECTION_CLOSED && responseStarted()) failure = closedAfterHeaders();
        complete(System.nanoTime(), failure);
    }

    /** The connection ended after the status line: what was missing decides the reason. */
    private Failure closedAfterHeaders() {
        if (eventStream) return firstContent > 0 ? Failures.CLOSED_MID_STREAM : Failures.CLOSED_BEFORE_FIRST_TOKEN;
        if (contentLength >= 0 && received < contentLength) return Failures.protocol("body shorter than Content-Length");
        return Failures.CLOSED_MID_BODY;
    }

    /** The response could not be decoded as HTTP at all (a bad status line, oversized headers ...). */
    synchronized void protocolError(String what) {
        abandon(Failures.protocol(what));
    }

    @Override
    public synchronized void onComplete() {
        long end = System.nanoTime();
        body.complete(null);
        if (done.get()) return;
        if (status / 100 != 2) {
            complete(end, decoder.httpFailure(status, raw.toString(StandardCharsets.UTF_8)));
        } else if (eventStream) {
            parser.finish();
            complete(end, streamVerdict());
        } else if (call.streamed()) {
            complete(end, notAnEventStream());
        } else {
            complete(end, wholeBodyVerdict());
        }
    }

    private Failure streamVerdict() {
        if (streamFailure != null) return streamFailure;
        if (decoder.streamEndsWithDone() && !sawDone) return Failures.STREAM_WITHOUT_DONE;
        if (decoder.contentRequired() && contentChunks == 0) return Failures.NO_CONTENT;
        return null;
    }

    /** A streaming request answered with something else: the server's error if it is one, else a violation. */
    private Failure notAnEventStream() {
        try {
            JsonNode json = JSON.readTree(raw.toByteArray());
            if (json != null && json.hasNonNull("error")) return Failures.errorInBody(ErrorBodies.message(json));
        } catch (IOException notJson) {
            // fall through: named by its content type
        }
        String type = contentType == null ? "none" : contentType.split(";")[0].strip();
        return Failures.protocol("expected an event stream, got Content-Type " + type);
    }

    private Failure wholeBodyVerdict() {
        byte[] bytes = raw.toByteArray();
        int chars;
        try {
            chars = decoder.body(bytes, bytes.length);
        } catch (IOException e) {
            return isUtf8Error(e) ? Failures.BODY_NOT_UTF8 : Failures.BODY_NOT_JSON;
        }
        String error = decoder.serverError();
        if (error != null) return Failures.errorInBody(error);
        return decoder.contentRequired() && chars == 0 ? Failures.NO_CONTENT : null;
    }

    /** The timer that calls {@link #timeout} when the call's budget runs out; cancelled when the call ends first. */
    void budgetTimer(Future<?> timer) {
        budgetTimer = timer;
        if (done.get()) timer.cancel(false);
    }

    /** Called by the budget's timer: gives up on the call and closes its connection. */
    synchronized void timeout(long budgetMillis) {
        if (complete(System.nanoTime(), Failures.timeout(budgetMillis, call.streamed(), firstContent > 0, received > 0))) cancel();
    }

    /** The call failed before an answer came (connect error, write error, ...). */
    synchronized void fail(Failure reason) {
        complete(System.nanoTime(), reason);
    }

    boolean finished() {
        return done.get();
    }

    /** Whether any part of the answer (status line, headers, body) has arrived. */
    synchronized boolean responseStarted() {
        return status > 0 || received > 0;
    }

    /** The call is sent again on a fresh connection: the kept-alive one had been closed by the server. */
    synchronized void retriedOnFreshConnection() {
        staleRetries++;
    }

    synchronized int staleRetries() {
        return staleRetries;
    }

    private void onEvent(byte[] data, int length, boolean errorField) {
        if (errorField) {
            if (streamFailure == null) streamFailure = Failures.serverError(errorMessage(data, length));
            return;
        }
        if (Arrays.equals(data, 0, length, DONE, 0, DONE.length)) {
            sawDone = true;
            return;
        }
        int chars;
        try {
            chars = decoder.event(data, length);
        } catch (IOException e) {
            if (streamFailure == null) streamFailure = isUtf8Error(e) ? Failures.CHUNK_NOT_UTF8 : Failures.CHUNK_NOT_JSON;
            return;
        }
        String error = decoder.serverError();
        if (error != null) {
            if (streamFailure == null) streamFailure = Failures.serverError(error);
            return;
        }
        if (chars > 0) {
            int reasoning = decoder.lastEventReasoningChars();
            if (reasoning > 0 && firstReasoning < 0) firstReasoning = chunkNanos;
            if (chars > reasoning && firstAnswer < 0) firstAnswer = chunkNanos;
            if (decoder.lastEventToolCallChars() > 0) lastToolCall = chunkNanos;
            if (firstContent < 0) {
                firstContent = chunkNanos;
            } else {
                gaps.add(chunkNanos - lastContent);
            }
            lastContent = chunkNanos;
            contentChunks++;
        }
    }

    private static boolean isUtf8Error(IOException e) {
        return e instanceof CharConversionException || String.valueOf(e.getMessage()).contains("UTF-8");
    }

    /** The message of an error payload: a JSON error body in any known shape, or its text. */
    private static String errorMessage(byte[] data, int length) {
        try {
            JsonNode json = JSON.readTree(data, 0, length);
            if (json != null && !json.isMissingNode()) return ErrorBodies.message(json);
        } catch (IOException notJson) {
            // plain text
        }
        return new String(data, 0, length, StandardCharsets.UTF_8);
    }

    private boolean complete(long end, Failure failure) {
        if (!done.compareAndSet(false, true)) return false;
        Future<?> timer = budgetTimer;
        if (timer != null) timer.cancel(false);
        long sent = sentNanos.getAsLong();
        // the call counts from when it was sent; a call that never went out counts from when it was issued
        onDone.accept(new Answer(call, status, issuedNanos, sent > 0 && sent <= end ? sent : issuedNanos, end, firstContent,
                firstReasoning, firstAnswer, lastToolCall, gaps.toArray(), contentChunks, staleRetries, failure));
        return true;
    }

    /** A growable long array, to keep ITL gaps unboxed. */
    private static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long value) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
