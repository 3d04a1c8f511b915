package io.llmload.client;

import io.llmload.metrics.PrometheusSamples;
import io.llmload.metrics.ServerMetricNames;
import io.llmload.metrics.ServerReadings;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scrapes the server's Prometheus {@code /metrics} (vLLM, llama.cpp, TGI, SGLang: {@link ServerMetricNames})
 * and, when set, a DCGM exporter every interval during a run, and keeps the time series. A source that
 * answers anything but its metrics the first time is reported once as not exposed and not asked again.
 */
public final class ServerScraper implements ServerReadings, AutoCloseable {

    /** One scrape: when, and the figures found under the suite's names. */
    public record Reading(long epochMillis, Map<String, Double> values) {
    }

    private final URI metrics;
    private final URI dcgm;
    private final Duration interval;
    private final Poller poller;
    private final List<Reading> readings = new ArrayList<>();
    private final Map<URI, String> notExposed = new LinkedHashMap<>();
    private final Map<URI, Boolean> seen = new LinkedHashMap<>();
    private Consumer<Reading> listener = r -> { };
    private long failedScrapes;

    /**
     * @param metrics the server's /metrics, or null; @param dcgm a DCGM exporter's /metrics, or null
     * @param maxBytes the largest answer read (target.max-body-size)
     */
    public ServerScraper(URI metrics, URI dcgm, Duration interval, int maxBytes) {
        this.metrics = metrics;
        this.dcgm = dcgm;
        this.interval = interval;
        this.poller = new Poller("llmload-server-metrics", interval, maxBytes);
    }

    /** Scrapes now and every interval; each reading also goes to {@code onReading}. */
    public void start(Consumer<Reading> onReading) {
        this.listener = onReading;
        poller.every(interval, this::scrape);
    }

    private void scrape() {
        Map<String, Double> values = new LinkedHashMap<>();
        if (metrics != null) values.putAll(read(metrics, false));
        if (dcgm != null) values.putAll(read(dcgm, true));
        if (values.isEmpty()) return;
        Reading reading = new Reading(System.currentTimeMillis(), values);
        synchronized (this) {
            readings.add(reading);
        }
        listener.accept(reading);
    }

    private Map<String, Double> read(URI uri, boolean gpu) {
        synchronized (this) {
            if (notExposed.containsKey(uri)) return Map.of();
        }
        String problem;
        try {
            PrometheusSamples samples = poller.metrics(uri);
            if (samples != null) {
                Map<String, Double> values = gpu ? ServerMetricNames.gpu(samples) : ServerMetricNames.server(samples);
                synchronized (this) {
                    seen.put(uri, true);
                }
                if (!values.isEmpty()) return values;
                problem = "exports none of the metrics llmload reads (" + (gpu ? "DCGM_FI_DEV_*" : "vllm:, llamacpp:, tgi_, sglang:") + ")";
            } else {
                problem = "answered with an error status";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ConnectException e) {
            problem = "refused the connection";
        } catch (Exception e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        synchronized (this) {
            if (seen.containsKey(uri)) {
                failedScrapes++;
            } else {
                notExposed.put(uri, problem);
                System.out.println("[llmload] server metrics: " + uri + " " + problem + "; the server's side is not reported");
            }
        }
        return Map.of();
    }

    /** Every reading so far, oldest first. */
    public synchronized List<Reading> readings() {
        return List.copyOf(readings);
    }

    /** Sources that did not give their metrics, with why. */
    public synchronized Map<URI, String> notExposed() {
        return Map.copyOf(notExposed);
    }

    public synchronized long failedScrapes() {
        return failedScrapes;
    }

    @Override
    public synchronized double max(String name, long fromMillis, long toMillis) {
        double max = Double.NaN;
        for (Reading r : readings) {
            Double v = r.values().get(name);
            if (v != null && r.epochMillis() >= fromMillis && r.epochMillis() <= toMillis) max = Double.isNaN(max) ? v : Math.max(max, v);
        }
        return max;
    }

    @Override
    public void close() {
        poller.close(Duration.ofSeconds(1));
    }
}
