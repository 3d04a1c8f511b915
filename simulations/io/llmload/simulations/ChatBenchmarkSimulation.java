package io.llmload.simulations;

import io.gatling.javaapi.core.Simulation;
import io.llmload.config.InferenceWorkload;
import io.llmload.run.InferenceRun;

import java.util.List;

/**
 * Chat benchmark of the tuning guide: 100 short chat requests at 8 concurrent.
 * The server's /health must be ready before load; /metrics deltas are reported beside the client's figures.
 */
public class ChatBenchmarkSimulation extends Simulation {

    private final InferenceRun inference = InferenceRun.prepare("ChatBenchmarkSimulation", "inference-chat",
            workload -> List.of(InferenceWorkload.CHAT), InferenceWorkload::chatConcurrency);
    private final InferenceWorkload workload = inference.workload();

    {
        setUp(inference.inSequenceThenSloGate(
                inference.benchmark("chat", inference.chat(), workload.chatConcurrency(), workload.chatRequests())))
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
