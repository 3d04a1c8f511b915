package io.llmload.client;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A whole response body read as UTF-8 text, up to a limit: over it the body subscription is
 * cancelled (the connection closed) and the call fails with {@link TooLarge}. The JDK's
 * {@code ofString()} would buffer whatever a server sends.
 */
final class BoundedText {

    private BoundedText() {
    }

    /** The body was longer than the limit; nothing more was read. */
    static final class TooLarge extends IOException {
        TooLarge(int limitBytes) {
            super("response body over " + Failures.bytes(limitBytes), null);
        }
    }

    static HttpResponse.BodyHandler<String> handler(int maxBytes) {
        return info -> new Subscriber(maxBytes);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<String> {
        private final int maxBytes;
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private byte[] bytes = new byte[256];
        private int length;
        private Flow.Subscription subscription;

        Subscriber(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) return;
            for (ByteBuffer buffer : buffers) {
                int n = buffer.remaining();
                if ((long) length + n > maxBytes) {
                    body.completeExceptionally(new TooLarge(maxBytes));
                    subscription.cancel();
                    return;
                }
                if (length + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.min(maxBytes, Math.max(bytes.length * 2, length + n)));
                buffer.get(bytes, length, n);
                length += n;
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(new String(bytes, 0, length, StandardCharsets.UTF_8));
        }
    }
}
