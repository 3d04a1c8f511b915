package io.llmload.target;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** In-stream failures a server can send after a 200: each is a KO carrying its own reason. */
class StreamingExchangeTest {

    private static LlmResponse stream(String body) {
        AtomicReference<LlmResponse> done = new AtomicReference<>();
        long start = System.nanoTime();
        StreamingExchange exchange = new StreamingExchange(start, () -> start, true, true, done::set);
        HttpResponse.BodySubscriber<Void> subscriber = exchange.forStatus(new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(Map.of(), (a, b) -> true);
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        });
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onNext(List.of(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8))));
        subscriber.onComplete();
        return done.get();
    }

    @Test
    void anErrorEventCarriesTheServersMessage() {
        LlmResponse r = stream("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
                + "data: {\"error\":{\"message\":\"engine overloaded\",\"code\":503}}\n\ndata: [DONE]\n\n");
        assertThat(r.failure()).isEqualTo("error event in stream: engine overloaded");
        assertThat(r.contentChunks()).isEqualTo(1);
    }

    @Test
    void anUnparsableChunkIsNamedWithItsText() {
        LlmResponse r = stream("data: {\"choices\":[{\"delta\":\n\ndata: [DONE]\n\n");
        assertThat(r.failure()).isEqualTo("error event in stream: unparsable chunk {\"choices\":[{\"delta\":");
    }

    @Test
    void aStreamWithoutDoneIsAKo() {
        LlmResponse r = stream("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");
        assertThat(r.failure()).isEqualTo(Failures.STREAM_WITHOUT_DONE);
        assertThat(r.text()).isEqualTo("a");
    }
}
