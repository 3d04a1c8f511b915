package io.llmload.simulations;

import io.gatling.javaapi.core.Simulation;
import io.llmload.config.InferenceWorkload;
import io.llmload.run.InferenceRun;

import java.util.List;

/**
 * Embeddings benchmark of the tuning guide: 200 requests at 8 concurrent, texts of mixed lengths
 * with a share of repeats that the server's embedding cache can serve.
 * The server's /health must be ready before load; /metrics deltas are reported beside the client's figures.
 */
public class EmbeddingsBenchmarkSimulation extends Simulation {

    private final InferenceRun inference = InferenceRun.prepare("EmbeddingsBenchmarkSimulation", "inference-embeddings",
            workload -> List.of(InferenceWorkload.EMBEDDINGS), InferenceWorkload::embeddingConcurrency);
    private final InferenceWorkload workload = inference.workload();

    {
        setUp(inference.inSequenceThenSloGate(
                inference.benchmark("embeddings", inference.embeddings(), workload.embeddingConcurrency(), workload.embeddingRequests())))
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
