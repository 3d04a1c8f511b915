package io.llmload.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads one response as it arrives and times it: the first content chunk (TTFT), every gap between
 * content chunks (ITL) and the last byte (E2E). Completes exactly once: on the end of the body,
 * on an I/O error, or on the overall timeout, whichever comes first.
 */
final class StreamingExchange implements HttpResponse.BodySubscriber<Void> {

    private static final ObjectReader JSON = new ObjectMapper().reader();
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final long startNanos;
    private final java.util.function.LongSupplier sentNanos;
    private final boolean chat;
    private final boolean streamed;
    private final Consumer<LlmResponse> onDone;
    private final AtomicBoolean done = new AtomicBoolean();
    private final CompletableFuture<Void> body = new CompletableFuture<>();

    private volatile Flow.Subscription subscription;
    private int status;
    private final SseParser parser = new SseParser(this::onEvent);
    private final ChunkReader chunk = new ChunkReader();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private final LongList gaps = new LongList();
    private long chunkNanos;
    private long firstContent = -1;
    private long lastContent = -1;
    private int contentChunks;
    private boolean sawDone;
    private String responseId;
    private String finishReason;
    private int usagePrompt = -1;
    private int usageCompletion = -1;
    private String streamError;

    StreamingExchange(long startNanos, java.util.function.LongSupplier sentNanos, boolean chat, boolean streamed,
                      Consumer<LlmResponse> onDone) {
        this.startNanos = startNanos;
        this.sentNanos = sentNanos;
        this.chat = chat;
        this.streamed = streamed;
        this.onDone = onDone;
    }

    /** The body handler: remembers the status, then streams the body into this subscriber. */
    HttpResponse.BodySubscriber<Void> forStatus(HttpResponse.ResponseInfo info) {
        status = info.statusCode();
        return this;
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
        if (done.get()) return;
        for (ByteBuffer buffer : buffers) read(Unpooled.wrappedBuffer(buffer));
    }

    /** The Netty client's read: the same as {@link #onNext(List)} without wrapping the buffer. */
    synchronized void onNext(ByteBuf content) {
        chunkNanos = System.nanoTime();
        if (done.get()) return;
        read(content);
    }

    private void read(ByteBuf content) {
        if (status == 200 && streamed) {
            parser.feed(content);
        } else if (raw.size() < MAX_ERROR_BODY || status == 200) {
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            raw.write(bytes, 0, bytes.length);
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        body.completeExceptionally(error);
        fail(Failures.of(error, firstContent > 0));
    }

    @Override
    public synchronized void onComplete() {
        long end = System.nanoTime();
        body.complete(null);
        if (status != 200) {
            complete(end, Failures.http(status, raw.toString(StandardCharsets.UTF_8)));
            return;
        }
        if (streamed) {
            parser.finish();
            if (streamError != null) {
                complete(end, "error event in stream: " + streamError);
            } else if (!sawDone) {
                complete(end, Failures.STREAM_WITHOUT_DONE);
            } else {
                complete(end, null);
            }
        } else {
            parseWholeBody(end);
        }
    }

    /** Called by the client's timer: gives up on the request and closes its connection. */
    synchronized void timeout(long budgetMillis) {
        String reason = firstContent > 0 ? Failures.timeoutMidStream(budgetMillis) : Failures.timeoutBeforeFirstToken(budgetMillis);
        if (complete(System.nanoTime(), reason)) {
            Flow.Subscription s = subscription;
            if (s != null) s.cancel();
        }
    }

    /** The request failed before a response came (connect error, headers timeout, ...). */
    synchronized void fail(String reason) {
        complete(System.nanoTime(), reason);
    }

    boolean finished() {
        return done.get();
    }

    private void onEvent(byte[] data, int length) {
        if (Arrays.equals(data, 0, length, DONE, 0, DONE.length)) {
            sawDone = true;
            return;
        }
        try {
            chunk.read(data, length, chat, responseId == null, text);
            if (chunk.error) {
                // rare: the chunk already parsed, read it whole for the message
                streamError = ErrorBodies.message(JSON.readTree(data, 0, length));
                return;
            }
        } catch (Exception e) {
            streamError = "unparsable chunk " + ErrorBodies.clip(new String(data, 0, length, StandardCharsets.UTF_8));
            return;
        }
        if (chunk.id != null) responseId = chunk.id;
        if (chunk.contentChars > 0) {
            if (firstContent < 0) {
                firstContent = chunkNanos;
            } else {
                gaps.add(chunkNanos - lastContent);
            }
            lastContent = chunkNanos;
            contentChunks++;
        }
        if (chunk.finishReason != null) finishReason = chunk.finishReason;
        if (chunk.completionTokens >= 0) usageCompletion = chunk.completionTokens;
        if (chunk.promptTokens >= 0) usagePrompt = chunk.promptTokens;
    }

    private void readUsage(JsonNode json) {
        JsonNode usage = json.get("usage");
        if (usage != null && usage.isObject()) {
            if (usage.hasNonNull("completion_tokens")) usageCompletion = usage.get("completion_tokens").asInt();
            if (usage.hasNonNull("prompt_tokens")) usagePrompt = usage.get("prompt_tokens").asInt();
        }
    }

    private void parseWholeBody(long end) {
        try {
            JsonNode json = JSON.readTree(raw.toByteArray());
            if (json.has("error")) {
                complete(end, "error in response: " + ErrorBodies.message(json));
                return;
            }
            responseId = json.hasNonNull("id") ? json.get("id").asText() : null;
            JsonNode choice = json.path("choices").path(0);
            text.append(chat ? choice.path("message").path("content").asText("") : choice.path("text").asText(""));
            if (choice.hasNonNull("finish_reason")) finishReason = choice.get("finish_reason").asText();
            readUsage(json);
            complete(end, null);
        } catch (Exception e) {
            complete(end, "unparsable response body: " + ErrorBodies.clip(raw.toString(StandardCharsets.UTF_8)));
        }
    }

    private boolean complete(long end, String failure) {
        if (!done.compareAndSet(false, true)) return false;
        long sent = sentNanos.getAsLong();
        // the request counts from when it was sent; a request that never went out counts from its start
        onDone.accept(new LlmResponse(sent > 0 && sent <= end ? sent : startNanos, startNanos, end, firstContent, gaps.toArray(), status, responseId,
                text.toString(), finishReason, contentChunks, usagePrompt, usageCompletion, failure));
        return true;
    }

    /** A growable long array, to keep ITL gaps unboxed. */
    private static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long value) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
