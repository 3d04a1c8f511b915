package io.llmload.client.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls {@code /v2/{id}/health} during a run and keeps the time series of workers (idle, running,
 * initializing) and jobs (in queue, in progress). A failed poll is kept as a sample with its error.
 */
public final class RunPodHealthMonitor implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunPodTarget target;
    private final Duration interval;
    private final List<Map<String, Object>> samples = new ArrayList<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("llmload-runpod-health", true));
    private long startMillis;
    private volatile Consumer<Map<String, Object>> listener = sample -> { };

    public RunPodHealthMonitor(RunPodTarget target, Duration interval) {
        this.target = target;
        this.interval = interval;
    }

    /** Also hands every sample to {@code sampleListener} (e.g. the InfluxDB sink). */
    public void onSample(Consumer<Map<String, Object>> sampleListener) {
        this.listener = sampleListener;
    }

    public void start() {
        startMillis = System.currentTimeMillis();
        timer.scheduleAtFixedRate(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        long at = System.currentTimeMillis();
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("t_s", (at - startMillis) / 1000.0);
        try {
            HttpResponse<String> response = target.client().sendForText(target.request("health", interval).GET().build(),
                    interval, target.readLimits().maxBodyBytes()).get();
            if (response.statusCode() != 200) {
                sample.put("error", "HTTP " + response.statusCode());
            } else {
                JsonNode body = JSON.readTree(response.body());
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
        } catch (java.util.concurrent.ExecutionException e) {
            sample.put("error", e.getCause().getClass().getSimpleName());
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
        timer.shutdownNow();
        try {
            timer.awaitTermination(interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
