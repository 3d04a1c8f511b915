package io.llmload.capacity;

import io.llmload.client.Poller;
import io.llmload.metrics.PrometheusSamples;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scrapes the server's Prometheus {@code /metrics} (vLLM: running and waiting requests, KV-cache
 * usage) and, when configured, a DCGM exporter (GPU memory used, GPU utilisation) during each
 * step, and hands each step's means and maxima to the search.
 */
public final class ServerMetricsSampler implements AutoCloseable {

    /** What is recorded: our name → the metric names that carry it (first one present wins). */
    private static final Map<String, String[]> VLLM = Map.of(
            "vllm_running", new String[]{"vllm:num_requests_running"},
            "vllm_waiting", new String[]{"vllm:num_requests_waiting"},
            "vllm_kv_cache_usage", new String[]{"vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"});
    private static final Map<String, String[]> DCGM = Map.of(
            "gpu_memory_used_mib", new String[]{"DCGM_FI_DEV_FB_USED"},
            "gpu_utilization_pct", new String[]{"DCGM_FI_DEV_GPU_UTIL"});

    private final CapacitySearch search;
    private final URI prometheus;
    private final URI dcgm;
    private final Poller poller;
    private final Map<CapacitySearch.StepKey, Map<String, double[]>> perStep = new LinkedHashMap<>();
    private final Duration interval;
    private long failedScrapes;

    /**
     * @param prometheus the server's /metrics, or null; @param dcgm a DCGM exporter's /metrics, or null
     * @param maxBytes   the largest /metrics answer read (target.max-body-size)
     */
    public ServerMetricsSampler(CapacitySearch search, URI prometheus, URI dcgm, Duration interval, int maxBytes) {
        this.search = search;
        this.prometheus = prometheus;
        this.dcgm = dcgm;
        this.interval = interval;
        this.poller = new Poller("llmload-server-metrics", interval, maxBytes);
    }

    public void start() {
        poller.everyAfter(interval, this::sample);
    }

    private void sample() {
        CapacitySearch.StepKey step = search.current();
        if (step == null) return;
        Map<String, Double> values = new LinkedHashMap<>();
        if (prometheus != null) scrape(prometheus, VLLM, values);
        if (dcgm != null) scrape(dcgm, DCGM, values);
        synchronized (perStep) {
            Map<String, double[]> stats = perStep.computeIfAbsent(step, k -> new LinkedHashMap<>());
            values.forEach((name, v) -> {
                double[] s = stats.computeIfAbsent(name, k -> new double[]{0, 0, Double.NEGATIVE_INFINITY});
                s[0] += v;
                s[1]++;
                s[2] = Math.max(s[2], v);
            });
            search.serverMetrics(step, summary(stats));
        }
    }

    private void scrape(URI uri, Map<String, String[]> wanted, Map<String, Double> out) {
        try {
            PrometheusSamples samples = poller.metrics(uri);
            if (samples == null) {
                failedScrapes++;
                return;
            }
            wanted.forEach((name, candidates) -> {
                for (String metric : candidates) {
                    double v = samples.sum(metric);
                    if (!Double.isNaN(v)) {
                        out.put(name, v);
                        break;
                    }
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failedScrapes++;
        }
    }

    private static Map<String, Double> summary(Map<String, double[]> stats) {
        Map<String, Double> out = new LinkedHashMap<>();
        stats.forEach((name, s) -> {
            out.put(name + "_mean", s[0] / s[1]);
            out.put(name + "_max", s[2]);
        });
        return out;
    }

    public long failedScrapes() {
        return failedScrapes;
    }

    @Override
    public void close() {
        poller.close();
    }
}
