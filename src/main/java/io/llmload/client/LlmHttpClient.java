package io.llmload.client;

import io.llmload.config.ClientKind;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Non-blocking HTTP client for LLM endpoints (JDK HttpClient): streams response bodies chunk by
 * chunk so each token's arrival is timed, and enforces one whole-request budget.
 */
public final class LlmHttpClient implements AutoCloseable {

    static {
        // A POST on a kept-alive connection the server has just closed fails before any answer; the JDK
        // client resends such a request once on a fresh connection only when told to (it does for GET).
        // Read when the JDK client first sends, so it is set before any client of this JVM exists.
        if (System.getProperty("jdk.httpclient.enableAllMethodRetry") == null) {
            System.setProperty("jdk.httpclient.enableAllMethodRetry", "true");
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final NettyTransport netty;

    public LlmHttpClient(HttpClient.Version version) {
        this(version, ClientKind.JDK);
    }

    public LlmHttpClient(HttpClient.Version version, ClientKind transport) {
        if (transport == ClientKind.NETTY) {
            // a throwaway transport: the warm-up's connection must not end up in the real one's pool
            int warmed = ClientWarmUp.run(new NettyTransport());
            if (warmed != ClientWarmUp.RESPONSES) throw new IllegalStateException("the streaming client's read path failed its warm-up");
        }
        this.netty = transport == ClientKind.NETTY ? new NettyTransport() : null;
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("llmload-timeouts", true));
        this.http = HttpClient.newBuilder()
                .version(version)
                // body chunks are handled (and timestamped) on the thread that read them: no hand-off
                // delay in TTFT/ITL. Safe because nothing downstream blocks.
                .executor(Runnable::run)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends a POST with a JSON body; {@code onDone} runs exactly once, on a client thread, whatever
     * happens (an exception while starting the request included).
     * @param chat whether to read chat ({@code delta.content}) or completions ({@code text}) chunks
     */
    public void postJson(EventLoop loop, Endpoint endpoint, String path, String json, boolean chat,
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
        long start = System.nanoTime();
        StreamingExchange exchange = new StreamingExchange(start, body::sentNanos, chat, stream, endpoint.readLimits(), onDone);
        try {
            // no JDK request timeout (it covers the headers only): the budget below bounds the whole request
            HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(path))
                    .header("Content-Type", "application/json")
                    .header("Accept", stream ? "text/event-stream" : "application/json")
                    .POST(body);
            if (endpoint.hasApiKey()) builder.header("Authorization", "Bearer " + endpoint.apiKey());
            long budgetMillis = endpoint.requestTimeout().toMillis();
            CompletableFuture<HttpResponse<Void>> call = http.sendAsync(builder.build(), exchange::forStatus);
            var timeout = timer.schedule(() -> {
                exchange.timeout(budgetMillis);
                // before the headers there is no subscription to cancel: abort the exchange itself
                call.cancel(true);
            }, endpoint.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
            call.whenComplete((response, error) -> {
                if (error != null) exchange.onError(error);
                if (exchange.finished()) timeout.cancel(false);
            });
        } catch (RuntimeException e) {
            exchange.fail(Failures.clientError("starting the request", e));
        }
    }

    /**
     * A small request whose whole body is read as text (job APIs, health, metrics), bounded in time
     * and size: past {@code budget} the call fails with {@link BoundedText.BudgetExceeded}, past
     * {@code maxBytes} with {@link BoundedText.TooLarge}; either way the connection is let go.
     */
    public CompletableFuture<HttpResponse<String>> sendForText(HttpRequest request, Duration budget, int maxBytes) {
        CompletableFuture<HttpResponse<String>> result = new CompletableFuture<>();
        AtomicBoolean headers = new AtomicBoolean();
        HttpResponse.BodyHandler<String> bounded = BoundedText.handler(maxBytes);
        CompletableFuture<HttpResponse<String>> call;
        try {
            call = http.sendAsync(request, info -> {
                headers.set(true);
                return bounded.apply(info);
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        ScheduledFuture<?> timeout = timer.schedule(() -> {
            if (result.completeExceptionally(new BoundedText.BudgetExceeded(budget, headers.get()))) call.cancel(true);
        }, budget.toNanos(), TimeUnit.NANOSECONDS);
        call.whenComplete((response, error) -> {
            timeout.cancel(false);
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(response);
            }
        });
        return result;
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
