package io.llmload.simulations;

import io.gatling.javaapi.core.Simulation;
import io.llmload.config.InferenceWorkload;
import io.llmload.run.InferenceRun;

import java.util.List;

/**
 * Whisper benchmark of the tuning guide: 40 transcriptions of real speech clips (multipart upload)
 * at 4 concurrent.
 * The server's /health must be ready before load; /metrics deltas are reported beside the client's figures.
 */
public class AudioBenchmarkSimulation extends Simulation {

    private final InferenceRun inference = InferenceRun.prepare("AudioBenchmarkSimulation", "inference-audio",
            workload -> List.of(InferenceWorkload.AUDIO), InferenceWorkload::audioConcurrency);
    private final InferenceWorkload workload = inference.workload();

    {
        setUp(inference.inSequenceThenSloGate(
                inference.benchmark("audio", inference.audio(), workload.audioConcurrency(), workload.audioRequests())))
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
