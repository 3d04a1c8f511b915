package io.llmload.simulations;

import io.gatling.javaapi.core.Simulation;
import io.llmload.capacity.CapacityLadder;
import io.llmload.capacity.CapacityRun;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;

/**
 * GPU capacity search (docs/workloads.md, "GPU capacity search"): the news-categorisation
 * request at 15, 20, 25… concurrent, 10 minutes a step, until the P95 exceeds 3.81 s on two
 * consecutive steps; then the levels in between one by one. Three repeats; the result is the
 * largest concurrency with P95 ≤ 3.81 s, with its spread, in capacity-search.{md,json,html}.
 * (Or over request rates, {@code capacity.search-over = rate}, against any criterion, {@code capacity.criterion}.)
 */
public class CapacitySearchSimulation extends Simulation {

    private final CapacityRun capacity = CapacityRun.prepare("CapacitySearchSimulation");

    {
        setUp(capacity.inSequenceThenSloGate(
                CapacityLadder.populations(capacity.search(), feed(capacity.prompts().feeder()),
                        repeat -> exec(capacity.request(repeat)), capacity.metrics())))
                .assertions(capacity.assertions());
    }

    @Override
    public void before() {
        capacity.start();
    }

    @Override
    public void after() {
        capacity.finish();
    }
}
