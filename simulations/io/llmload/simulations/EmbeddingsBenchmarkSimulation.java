package io.llmload.simulations;

import io.gatling.javaapi.core.Simulation;
import io.llmload.config.InferenceWorkload;
import io.llmload.run.InferenceRun;
import io.llmload.run.SloAssertions;

import java.util.List;

/**
 * Embeddings benchmark of the tuning guide (scripts/benchmark_embeddings.py): 200 requests at 8 concurrent,
 * texts of mixed lengths with a share of repeats that the server's embedding cache can serve.
 * The server's /health must be ready before load; /metrics deltas are reported beside the client's figures.
 */
public class EmbeddingsBenchmarkSimulation extends Simulation {

    private final InferenceRun inference = InferenceRun.prepare("EmbeddingsBenchmarkSimulation", "inference-embeddings");
    private final InferenceWorkload workload = inference.workload();
    private final String request = InferenceWorkload.EMBEDDINGS;

    {
        setUp(inference.inSequenceThenSloGate(
                inference.benchmark("embeddings", inference.embeddings(), workload.embeddingConcurrency(), workload.embeddingRequests()), request))
                .assertions(SloAssertions.of(inference.run().slos(), request));
    }

    @Override
    public void before() {
        inference.start();
    }

    @Override
    public void after() {
        inference.finish(List.of(request), List.of(workload.embeddingConcurrency()));
    }
}
