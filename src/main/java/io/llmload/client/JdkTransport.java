package io.llmload.client;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The JDK's HttpClient as a transport (HTTP/1.1, and HTTP/2 over TLS): answers stream chunk by chunk
 * into the same {@link ResponseReader} as Netty's, each chunk handled (and timestamped) on the
 * thread that read it. A budget timer bounds each call.
 */
final class JdkTransport implements Transport {

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
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("llmload-timeouts", true));

    JdkTransport(HttpClient.Version version) {
        this.http = HttpClient.newBuilder()
                .version(version)
                // body chunks are handled (and timestamped) on the thread that read them: no hand-off
                // delay in TTFT/ITL. Safe because nothing downstream blocks.
                .executor(Runnable::run)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void send(EventLoop loop, HttpCall call, Duration budget, ReadLimits limits, Consumer<Answer> done) {
        long start = System.nanoTime();
        TimedBody body = call.body().length > 0 || !"GET".equals(call.method()) ? new TimedBody(call.body()) : null;
        ResponseReader reader = new ResponseReader(start, () -> body == null ? start : body.sentNanos(), call, limits, done);
        try {
            // no JDK request timeout (it covers the headers only): the budget below bounds the whole call
            HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri())
                    .method(call.method(), body == null ? HttpRequest.BodyPublishers.noBody() : body);
            call.headers().forEach(builder::header);
            CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(builder.build(), reader::forStatus);
            reader.budgetTimer(timer.schedule(() -> {
                reader.timeout(Failures.labelMillis(budget));
                // before the headers there is no subscription to cancel: abort the exchange itself
                sent.cancel(true);
            }, budget.toNanos(), TimeUnit.NANOSECONDS));
            sent.whenComplete((response, error) -> {
                if (error != null) reader.onError(error);
            });
        } catch (RuntimeException e) {
            reader.fail(Failures.clientError("starting the request", e));
        }
    }

    @Override
    public void schedule(EventLoop loop, Runnable task, Duration delay) {
        timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String describe() {
        return "jdk client";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
