package io.llmload.emulator;

import io.llmload.emulator.engine.EngineStats;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The emulator's {@code /metrics} in Prometheus text format 0.0.4, with vLLM's metric names. */
public final class PrometheusText {

    private static final double[] TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    private static final double[] E2E_BUCKETS = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0,
            40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};

    private final String model;
    private final EngineStats engine;
    private final PrometheusHistogram ttft = new PrometheusHistogram(TTFT_BUCKETS);
    private final PrometheusHistogram e2e = new PrometheusHistogram(E2E_BUCKETS);
    private final Map<String, LongAdder> httpRequests = new ConcurrentHashMap<>();

    public PrometheusText(String model, EngineStats engine) {
        this.model = model;
        this.engine = engine;
    }

    public void observeHttp(String handler, int status) {
        String key = "handler=\"" + handler + "\",status=\"" + (status / 100) + "xx\"";
        httpRequests.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    public void observeRequest(double ttftSeconds, double e2eSeconds) {
        ttft.observe(ttftSeconds);
        e2e.observe(e2eSeconds);
    }

    public String render() {
        String label = "{model_name=\"" + model + "\"}";
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "vllm:num_requests_running", "Number of requests in model execution batches.", label, engine.running());
        gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", label, engine.waiting());
        gauge(out, "vllm:gpu_cache_usage_perc", "GPU KV-cache usage. 1 means 100 percent usage.", label, engine.kvCacheUsage());
        gauge(out, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", label, engine.kvCacheUsage());
        counter(out, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", label, engine.promptTokensTotal());
        counter(out, "vllm:generation_tokens_total", "Number of generation tokens processed.", label, engine.generationTokensTotal());
        counter(out, "vllm:prefix_cache_queries_total", "Prefix cache queries, in terms of number of queried tokens.", label, engine.prefixCacheQueriesTotal());
        counter(out, "vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.", label, engine.prefixCacheHitsTotal());
        out.append("# HELP vllm:request_success_total Count of successfully processed requests.\n")
           .append("# TYPE vllm:request_success_total counter\n");
        successLine(out, "stop", engine.finishedStopTotal());
        successLine(out, "length", engine.finishedLengthTotal());
        successLine(out, "abort", engine.abortedTotal());
        ttft.render(out, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", "model_name=\"" + model + "\"");
        e2e.render(out, "vllm:e2e_request_latency_seconds", "Histogram of end to end request latency in seconds.", "model_name=\"" + model + "\"");
        out.append("# HELP http_requests_total Total number of requests by method, status and handler.\n")
           .append("# TYPE http_requests_total counter\n");
        httpRequests.forEach((labels, count) ->
                out.append("http_requests_total{").append(labels).append("} ").append(num(count.sum())).append('\n'));
        return out.toString();
    }

    private void successLine(StringBuilder out, String reason, long value) {
        out.append("vllm:request_success_total{finished_reason=\"").append(reason)
           .append("\",model_name=\"").append(model).append("\"} ").append(num(value)).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, String label, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
           .append("# TYPE ").append(name).append(" gauge\n")
           .append(name).append(label).append(' ').append(num(value)).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, String label, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
           .append("# TYPE ").append(name).append(" counter\n")
           .append(name).append(label).append(' ').append(num(value)).append('\n');
    }

    public static String num(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value)
                ? String.format(Locale.ROOT, "%.1f", value)
                : Double.toString(value);
    }
}
