package io.llmload.client;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body that notes when the client hands its bytes to the connection: the moment the
 * request is "sent" (TTFT and E2E start there). Time before it (connection pool, TCP connect) is
 * reported separately as the client's send overhead.
 */
final class TimedBody implements HttpRequest.BodyPublisher {

    private final HttpRequest.BodyPublisher delegate;
    private volatile long sentNanos = -1;

    TimedBody(byte[] body) {
        this.delegate = HttpRequest.BodyPublishers.ofByteArray(body);
    }

    /** When the body was handed over, or -1 if it never was (e.g. connect failed). */
    long sentNanos() {
        return sentNanos;
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                sentNanos = System.nanoTime();
                subscriber.onComplete();
            }
        });
    }
}
