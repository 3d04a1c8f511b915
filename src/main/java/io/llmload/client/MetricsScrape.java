package io.llmload.client;

import io.llmload.metrics.PrometheusSamples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One bounded {@code GET /metrics}: the whole answer within {@code timeout} and {@code maxBytes}, parsed. */
public final class MetricsScrape {

    private MetricsScrape() {
    }

    /**
     * @return the parsed samples, or null when the server answered anything but 200
     * @throws IOException when the server did not answer in time or in size, or the text is not Prometheus' format
     */
    public static PrometheusSamples get(HttpClient http, URI uri, Duration timeout, int maxBytes)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, BoundedText.handler(maxBytes));
        HttpResponse<String> response;
        try {
            response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new HttpTimeoutException("GET " + uri + ": no whole answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
        if (response.statusCode() != 200) return null;
        try {
            return PrometheusSamples.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
