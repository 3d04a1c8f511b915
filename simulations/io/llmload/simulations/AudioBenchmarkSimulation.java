package io.llmload.simulations;

import io.gatling.javaapi.core.Simulation;
import io.llmload.config.InferenceWorkload;
import io.llmload.run.InferenceRun;
import io.llmload.run.SloAssertions;

import java.util.List;

/**
 * Whisper benchmark of the tuning guide (scripts/benchmark_audio.py): 40 transcriptions of real speech clips
 * (multipart upload) at 4 concurrent.
 * The server's /health must be ready before load; /metrics deltas are reported beside the client's figures.
 */
public class AudioBenchmarkSimulation extends Simulation {

    private final InferenceRun inference = InferenceRun.prepare("AudioBenchmarkSimulation", "inference-audio");
    private final InferenceWorkload workload = inference.workload();
    private final String request = InferenceWorkload.AUDIO;

    {
        setUp(inference.inSequenceThenSloGate(
                inference.benchmark("audio", inference.audio(), workload.audioConcurrency(), workload.audioRequests()), request))
                .assertions(SloAssertions.of(inference.run().slos(), request));
    }

    @Override
    public void before() {
        inference.start();
    }

    @Override
    public void after() {
        inference.finish(List.of(request), List.of(workload.audioConcurrency()));
    }
}
