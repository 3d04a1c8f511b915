package io.llmload.target;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Non-blocking HTTP client for LLM endpoints (JDK HttpClient): streams response bodies chunk by
 * chunk so each token's arrival is timed, and enforces one whole-request budget.
 */
public final class LlmHttpClient implements AutoCloseable {

    /** Which HTTP implementation streams the LLM requests. */
    public enum Transport {
        /** the JDK's HttpClient (HTTP/1.1 and HTTP/2) */
        JDK,
        /** Netty on each Gatling user's own event loop (HTTP/1.1, plain or TLS) */
        NETTY
    }

    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final NettyTransport netty;

    public LlmHttpClient(HttpClient.Version version) {
        this(version, Transport.JDK);
    }

    public LlmHttpClient(HttpClient.Version version, Transport transport) {
        if (transport == Transport.NETTY) {
            // a throwaway transport: the warm-up's connection must not end up in the real one's pool
            int warmed = ClientWarmUp.run(new NettyTransport());
            if (warmed != ClientWarmUp.RESPONSES) throw new IllegalStateException("the streaming client's read path failed its warm-up");
        }
        this.netty = transport == Transport.NETTY ? new NettyTransport() : null;
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("llmload-timeouts", true));
        this.http = HttpClient.newBuilder()
                .version(version)
                // body chunks are handled (and timestamped) on the thread that read them: no hand-off
                // delay in TTFT/ITL. Safe because nothing downstream blocks.
                .executor(Runnable::run)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends a POST with a JSON body; {@code onDone} runs exactly once, on a client thread.
     * @param chat whether to read chat ({@code delta.content}) or completions ({@code text}) chunks
     */
    public void postJson(io.netty.channel.EventLoop loop, Endpoint endpoint, String path, String json, boolean chat,
                         boolean stream, Consumer<LlmResponse> onDone) {
        if (netty != null && loop != null) {
            netty.postJson(loop, endpoint, path, json, chat, stream, onDone);
            return;
        }
        postJson(endpoint, path, json, chat, stream, onDone);
    }

    public void postJson(Endpoint endpoint, String path, String json, boolean chat, boolean stream,
                         Consumer<LlmResponse> onDone) {
        TimedBody body = new TimedBody(json);
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(endpoint.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(body);
        if (endpoint.hasApiKey()) builder.header("Authorization", "Bearer " + endpoint.apiKey());
        long start = System.nanoTime();
        StreamingExchange exchange = new StreamingExchange(start, body::sentNanos, chat, stream, onDone);
        long budgetMillis = endpoint.requestTimeout().toMillis();
        var timeout = timer.schedule(() -> exchange.timeout(budgetMillis), budgetMillis, TimeUnit.MILLISECONDS);
        http.sendAsync(builder.build(), exchange::forStatus).whenComplete((response, error) -> {
            if (error != null) exchange.fail(Failures.of(error, false));
            if (exchange.finished()) timeout.cancel(false);
        });
    }

    /** A small request whose whole body is read as text (job APIs, health, metrics). */
    public CompletableFuture<HttpResponse<String>> sendForText(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Runs {@code task} after {@code delay} on the client's timer thread. */
    public void schedule(Runnable task, Duration delay) {
        timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
