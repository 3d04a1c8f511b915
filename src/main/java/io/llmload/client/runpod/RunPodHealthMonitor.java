package io.llmload.client.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.HttpCall;
import io.llmload.client.Poller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final List<HealthSeries.Sample> samples = new ArrayList<>();
    private long startMillis;
    private volatile Consumer<HealthSeries.Sample> listener = sample -> { };

    /** @param maxBytes the largest answer read (target.max-body-size) */
    public RunPodHealthMonitor(RunPodEndpoint endpoint, Duration interval, int maxBytes) {
        this.endpoint = endpoint;
        this.interval = interval;
        this.poller = new Poller("llmload-runpod-health", interval, maxBytes);
    }

    /** Also hands every sample to {@code sampleListener} (e.g. the InfluxDB sink). */
    public void onSample(Consumer<HealthSeries.Sample> sampleListener) {
        this.listener = sampleListener;
    }

    public void start() {
        startMillis = System.currentTimeMillis();
        poller.every(interval, this::poll);
    }

    private void poll() {
        double at = (System.currentTimeMillis() - startMillis) / 1000.0;
        HealthSeries.Sample sample;
        try {
            Poller.Reply reply = poller.get(endpoint.uri("health"), HttpCall.bearer(endpoint.apiKey()));
            if (reply.status() != 200) {
                sample = failed(at, "HTTP " + reply.status());
            } else {
                JsonNode body = JSON.readTree(reply.body());
                JsonNode workers = body.path("workers");
                JsonNode jobs = body.path("jobs");
                sample = new HealthSeries.Sample(at, workers.path("idle").asInt(), workers.path("running").asInt(),
                        workers.path("initializing").asInt(), jobs.path("inQueue").asInt(), jobs.path("inProgress").asInt(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            sample = failed(at, e.getClass().getSimpleName());
        }
        synchronized (samples) {
            samples.add(sample);
        }
        listener.accept(sample);
    }

    private static HealthSeries.Sample failed(double at, String error) {
        return new HealthSeries.Sample(at, null, null, null, null, null, error);
    }

    /** The time series so far, as the run's summary section. */
    public HealthSeries series() {
        synchronized (samples) {
            return new HealthSeries(List.copyOf(samples));
        }
    }

    @Override
    public void close() {
        poller.close(interval);
    }
}
