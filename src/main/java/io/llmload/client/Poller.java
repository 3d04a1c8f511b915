package io.llmload.client;

import io.llmload.metrics.PrometheusSamples;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server's side of a run, polled beside the load: {@code /health}, Prometheus {@code /metrics},
 * a serverless endpoint's {@code /health}. One HTTP client and one timer thread; every answer bounded
 * in time and size. Not a load-path client: its timings are not measurements.
 */
public final class Poller implements AutoCloseable {

    /** One polled answer: its status and its (bounded) body. */
    public record Reply(int status, String body) {
    }

    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final int maxBytes;

    /**
     * @param name     the timer thread's name (it shows in thread dumps)
     * @param timeout  how long one poll may take, connect to last byte
     * @param maxBytes the largest answer read (target.max-body-size)
     */
    public Poller(String name, Duration timeout, int maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory(name, true));
    }

    /** Runs {@code poll} now and then every {@code interval} (or only now when it is zero). */
    public void every(Duration interval, Runnable poll) {
        if (interval.isZero()) {
            timer.execute(poll);
        } else {
            timer.scheduleAtFixedRate(poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs {@code poll} every {@code interval}, the first time after one interval. */
    public void everyAfter(Duration interval, Runnable poll) {
        timer.scheduleAtFixedRate(poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** GETs {@code uri} with {@code headers}; the whole answer within the timeout and the size limit, or an exception. */
    public Reply get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request.build(), BoundedText.handler(maxBytes));
        try {
            HttpResponse<String> response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Reply(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new HttpTimeoutException("GET " + uri + ": no whole answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    /**
     * GETs a Prometheus exposition and parses it.
     * @return the samples, or null when the server answered anything but 200
     * @throws IOException when the server did not answer in time or in size, or the text is not Prometheus' format
     */
    public PrometheusSamples metrics(URI uri) throws IOException, InterruptedException {
        Reply reply = get(uri, Map.of());
        if (reply.status() != 200) return null;
        try {
            return PrometheusSamples.parse(reply.body());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Stops polling: a poll in progress is interrupted. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Stops polling and waits up to {@code wait} for a poll in progress to end. */
    public void close(Duration wait) {
        timer.shutdownNow();
        try {
            timer.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
