package io.llmload.client;

import io.llmload.client.openai.CompletionDecoder;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** What a server can send after its status line, each classified into one stable KO kind (or OK). */
class ResponseReaderTest {

    private static final ReadLimits SMALL = new ReadLimits(4096, 8192);

    /** One answer fed to a reader: status line, headers, body parts, then the end (or a connection error). */
    private static final class Reply {
        final AtomicReference<Answer> done = new AtomicReference<>();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final CompletionDecoder decoder = new CompletionDecoder(true);
        final ResponseReader exchange;

        Reply(boolean streamed, int status, String contentType, long contentLength) {
            exchange = reader(streamed, decoder, done);
            exchange.onHeaders(status, contentType, contentLength);
            exchange.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
        }

        Reply send(byte[] bytes) {
            exchange.onNext(Unpooled.wrappedBuffer(bytes));
            return this;
        }

        Reply send(String text) {
            return send(text.getBytes(StandardCharsets.UTF_8));
        }

        Read end() {
            exchange.onComplete();
            return new Read(done.get(), decoder);
        }

        Read closed() {
            exchange.onError(new EOFException());
            return new Read(done.get(), decoder);
        }
    }

    /** What was read: the transport's answer and the decoder's content. */
    private record Read(Answer answer, CompletionDecoder decoder) {
        Failure failure() {
            return answer.failure();
        }

        int contentChunks() {
            return answer.contentChunks();
        }
    }

    private static ResponseReader reader(boolean streamed, CompletionDecoder decoder, AtomicReference<Answer> done) {
        long start = System.nanoTime();
        HttpCall call = HttpCall.postJson(URI.create("http://test/v1/chat/completions"), "{}", streamed, null, decoder);
        return new ResponseReader(start, () -> start, call, SMALL, done::set);
    }

    private static Reply stream() {
        return new Reply(true, 200, "text/event-stream; charset=utf-8", -1);
    }

    private static Read stream(String body) {
        return stream().send(body).end();
    }

    private static final String CONTENT = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n";

    @Test
    void aCompleteStreamIsOk() {
        Read r = stream(CONTENT + CONTENT + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2}}\n\n"
                + "data: [DONE]\n\n");
        assertThat(r.failure()).isNull();
        assertThat(r.contentChunks()).isEqualTo(2);
        assertThat(r.decoder().completionTokens()).isEqualTo(2);
        assertThat(r.decoder().promptTokens()).isEqualTo(7);
    }

    @Test
    void anErrorEventCarriesTheServersMessage() {
        Read r = stream(CONTENT + "data: {\"error\":{\"message\":\"engine overloaded\",\"code\":503}}\n\ndata: [DONE]\n\n");
        assertThat(r.failure()).isEqualTo(Failure.of(FailureKind.SERVER_ERROR_EVENT, "error event in stream: engine overloaded"));
        assertThat(r.contentChunks()).isEqualTo(1);
    }

    @Test
    void llamaCppsErrorLineAfterA200IsAServerErrorWithItsMessage() {
        Read r = stream("error: {\"code\":400,\"message\":\"the request exceeds the available context size, try increasing it\","
                + "\"type\":\"exceed_context_size_error\"}\n\ndata: [DONE]\n\n");
        assertThat(r.failure()).isEqualTo(Failure.of(FailureKind.SERVER_ERROR_EVENT,
                "error event in stream: the request exceeds the available context size, try increasing it"));
    }

    @Test
    void aStreamWithNoContentIsAnEmptyAnswer() {
        Read r = stream("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\ndata: [DONE]\n\n");
        assertThat(r.failure()).isEqualTo(Failures.NO_CONTENT);
        assertThat(r.failure().kind()).isEqualTo(FailureKind.EMPTY_ANSWER);
    }

    @Test
    void anUnparsableChunkIsAProtocolViolationThatDoesNotQuoteTheChunk() {
        Read r = stream("data: {\"choices\":[{\"delta\":\n\ndata: [DONE]\n\n");
        assertThat(r.failure()).isEqualTo(Failures.CHUNK_NOT_JSON);
        assertThat(r.failure().kind()).isEqualTo(FailureKind.PROTOCOL_VIOLATION);
    }

    @Test
    void invalidUtf8AndBinaryBytesAreProtocolViolations() {
        byte[] badUtf8 = "data: {\"choices\":[{\"delta\":{\"content\":\"caf\u00e9\"}}]}\n\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(stream().send(badUtf8).send("data: [DONE]\n\n").end().failure()).isEqualTo(Failures.CHUNK_NOT_UTF8);
        byte[] binary = {'d', 'a', 't', 'a', ':', ' ', 0, 1, 27, '[', '3', '1', 'm', (byte) 0xff, '\n', '\n'};
        assertThat(stream().send(binary).send("data: [DONE]\n\n").end().failure()).isEqualTo(Failures.CHUNK_NOT_JSON);
    }

    @Test
    void usageCountsThatCannotBeTrueAreRejectedNotAKo() {
        Read r = stream(CONTENT + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":-5,\"completion_tokens\":1000000000000}}\n\n"
                + "data: [DONE]\n\n");
        assertThat(r.failure()).isNull();
        assertThat(r.decoder().usageRejected()).isTrue();
        assertThat(r.decoder().completionTokens()).isEqualTo(-1);
        assertThat(r.decoder().promptTokens()).isEqualTo(-1);
        Read whole = new Reply(false, 200, "application/json", -1)
                .send("{\"choices\":[{\"message\":{\"content\":\"hi\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1e15}}").end();
        assertThat(whole.failure()).isNull();
        assertThat(whole.decoder().usageRejected()).isTrue();
        assertThat(whole.decoder().promptTokens()).isEqualTo(3);
        assertThat(whole.decoder().completionTokens()).isEqualTo(-1);
    }

    @Test
    void aLineOverTheLimitEndsTheRequestAtOnceAndClosesTheConnection() {
        Reply answer = stream().send("data: ");
        byte[] kilobyte = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 10; i++) answer.send(kilobyte);
        assertThat(answer.cancelled).isTrue();
        Answer r = answer.done.get();
        assertThat(r.failure().kind()).isEqualTo(FailureKind.RESPONSE_TOO_LARGE);
        assertThat(r.failure().reason()).isEqualTo("response too large: an SSE line over 4 KiB");
    }

    @Test
    void aBodyOverTheLimitEndsTheRequestAtOnce() {
        Reply answer = new Reply(false, 200, "application/json", -1);
        for (int i = 0; i < 10; i++) answer.send("x".repeat(1024));
        assertThat(answer.cancelled).isTrue();
        assertThat(answer.done.get().failure().reason()).isEqualTo("response too large: the body over 8 KiB");
    }

    @Test
    void aStreamAnsweredWithAnHtmlPageIsAProtocolViolation() {
        Read r = new Reply(true, 200, "text/html; charset=utf-8", -1).send("<html><body>Welcome</body></html>").end();
        assertThat(r.failure()).isEqualTo(Failure.of(FailureKind.PROTOCOL_VIOLATION, "expected an event stream, got Content-Type text/html"));
        Read json = new Reply(true, 200, "application/json", -1).send("{\"error\":{\"message\":\"model is loading\"}}").end();
        assertThat(json.failure()).isEqualTo(Failure.of(FailureKind.SERVER_ERROR_EVENT, "error in response: model is loading"));
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAProtocolViolation() {
        Read r = new Reply(false, 200, "application/json", 500).send("{\"choices\":[").closed();
        assertThat(r.failure()).isEqualTo(Failure.of(FailureKind.PROTOCOL_VIOLATION, "body shorter than Content-Length"));
    }

    @Test
    void aConnectionClosedIsNamedByWhatHadArrived() {
        assertThat(stream().closed().failure()).isEqualTo(Failures.CLOSED_BEFORE_FIRST_TOKEN);
        assertThat(stream().send(CONTENT).closed().failure()).isEqualTo(Failures.CLOSED_MID_STREAM);
        AtomicReference<Answer> done = new AtomicReference<>();
        ResponseReader unanswered = reader(true, new CompletionDecoder(true), done);
        unanswered.onError(new ClosedChannelException());
        assertThat(done.get().failure()).isEqualTo(Failures.CLOSED_BEFORE_RESPONSE);
    }

    @Test
    void aTimeoutSaysWhatWasMissing() {
        Reply streamed = stream().send(CONTENT);
        streamed.exchange.timeout(10_000);
        assertThat(streamed.done.get().failure()).isEqualTo(Failure.of(FailureKind.TIMEOUT_MID_STREAM, "timeout after 10000 ms (mid-stream)"));
        Reply waiting = stream();
        waiting.exchange.timeout(10_000);
        assertThat(waiting.done.get().failure()).isEqualTo(Failure.of(FailureKind.TIMEOUT_NO_FIRST_TOKEN, "timeout after 10000 ms (no first token)"));
        AtomicReference<Answer> done = new AtomicReference<>();
        reader(false, new CompletionDecoder(true), done).timeout(10_000);
        assertThat(done.get().failure()).isEqualTo(Failure.of(FailureKind.TIMEOUT_NO_FIRST_TOKEN, "timeout after 10000 ms (no response)"));
    }

    @Test
    void aStreamWithoutDoneIsAKo() {
        Read r = stream(CONTENT);
        assertThat(r.failure()).isEqualTo(Failures.STREAM_WITHOUT_DONE);
        assertThat(r.decoder().text()).isEqualTo("a");
    }

    @Test
    void anErrorStatusKeepsTheServersMessageAndReadsNoMoreThanItNeeds() {
        Reply answer = new Reply(false, 500, "application/json", -1);
        answer.send("{\"error\":{\"message\":\"boom\"}}" + " ".repeat(100_000));
        assertThat(answer.cancelled).isTrue();
        assertThat(answer.done.get().failure()).isEqualTo(Failure.of(FailureKind.HTTP_STATUS, "HTTP 500: boom"));
    }
}
