package io.llmload.simulations;

import io.gatling.javaapi.core.Simulation;
import io.llmload.config.InferenceWorkload;
import io.llmload.run.InferenceRun;

import java.util.List;

/**
 * Vision benchmark of the tuning guide: 10–20 chat requests carrying an image (a PNG or JPEG as a
 * data URL, "ALLOW_REMOTE_IMAGES=0") at 2–4 concurrent, 20 at 2 by default.
 * The server's /health must be ready before load; /metrics deltas are reported beside the client's figures.
 */
public class VisionBenchmarkSimulation extends Simulation {

    private final InferenceRun inference = InferenceRun.prepare("VisionBenchmarkSimulation", "inference-vision",
            workload -> List.of(InferenceWorkload.VISION), InferenceWorkload::visionConcurrency);
    private final InferenceWorkload workload = inference.workload();

    {
        setUp(inference.inSequenceThenSloGate(
                inference.benchmark("vision", inference.vision(), workload.visionConcurrency(), workload.visionRequests())))
                .assertions(inference.assertions());
    }

    @Override
    public void before() {
        inference.start();
    }

    @Override
    public void after() {
        inference.finish();
    }
}
