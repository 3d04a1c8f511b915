package io.llmload.client.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.Poller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Polls {@code /v2/{id}/health} during a run and keeps the time series of workers (idle, running,
 * initializing) and jobs (in queue, in progress). A failed poll is kept as a sample with its error.
 */
public final class RunPodHealthMonitor implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunPodEndpoint endpoint;
    private final Duration interval;
    private final Poller poller;
    private final List<Map<String, Object>> samples = new ArrayList<>();
    private long startMillis;
    private volatile Consumer<Map<String, Object>> listener = sample -> { };

    /** @param maxBytes the largest answer read (target.max-body-size) */
    public RunPodHealthMonitor(RunPodEndpoint endpoint, Duration interval, int maxBytes) {
        this.endpoint = endpoint;
        this.interval = interval;
        this.poller = new Poller("llmload-runpod-health", interval, maxBytes);
    }

    /** Also hands every sample to {@code sampleListener} (e.g. the InfluxDB sink). */
    public void onSample(Consumer<Map<String, Object>> sampleListener) {
        this.listener = sampleListener;
    }

    public void start() {
        startMillis = System.currentTimeMillis();
        poller.every(interval, this::poll);
    }

    private void poll() {
        long at = System.currentTimeMillis();
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("t_s", (at - startMillis) / 1000.0);
        try {
            Poller.Reply reply = poller.get(endpoint.uri("health"),
                    endpoint.hasApiKey() ? Map.of("Authorization", "Bearer " + endpoint.apiKey()) : Map.of());
            if (reply.status() != 200) {
                sample.put("error", "HTTP " + reply.status());
            } else {
                JsonNode body = JSON.readTree(reply.body());
                JsonNode workers = body.path("workers");
                JsonNode jobs = body.path("jobs");
                sample.put("workers_idle", workers.path("idle").asInt());
                sample.put("workers_running", workers.path("running").asInt());
                sample.put("workers_initializing", workers.path("initializing").asInt());
                sample.put("jobs_in_queue", jobs.path("inQueue").asInt());
                sample.put("jobs_in_progress", jobs.path("inProgress").asInt());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            sample.put("error", e.getClass().getSimpleName());
        }
        synchronized (samples) {
            samples.add(sample);
        }
        listener.accept(sample);
    }

    public List<Map<String, Object>> samples() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    @Override
    public void close() {
        poller.close(interval);
    }
}
