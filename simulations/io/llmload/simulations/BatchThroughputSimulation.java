package io.llmload.simulations;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.llmload.capacity.BatchRun;
import io.llmload.client.Requests;
import io.llmload.config.InjectorSettings;
import io.llmload.config.SlaSettings;
import io.llmload.run.ClosedLadder;

import java.util.List;
import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Batch throughput (docs/workloads.md, "Batch throughput and a 24 h SLA"): 2,000 requests at 4 in flight
 * (or a duration), then the time to finish 100k, 1M, 10M and 17M requests at the measured rate,
 * against a 24 h window — each labelled as a projection from the measured throughput.
 */
public class BatchThroughputSimulation extends Simulation {

    private final BatchRun batch = BatchRun.prepare("BatchThroughputSimulation");
    private final SlaSettings sla = batch.settings();

    private ScenarioBuilder batch(int concurrency, Function<Session, Boolean> another) {
        var oneRequest = feed(batch.prompts().feeder()).exec(group(ClosedLadder.groupName(concurrency)).on(exec(batch.request())));
        var scenario = scenario("batch " + ClosedLadder.groupName(concurrency))
                .exec(session -> session.set(Requests.LEVEL_ATTRIBUTE, concurrency));
        return another == null ? scenario.exec(oneRequest) : scenario.asLongAs(another).on(oneRequest);
    }

    private List<PopulationBuilder> load() {
        List<Integer> level = List.of(sla.concurrency());
        return sla.duration().isZero()
                ? ClosedLadder.ofRequestCounts(level, sla.requests(), InjectorSettings.SINGLE, this::batch)
                : ClosedLadder.of(level, sla.duration(), InjectorSettings.SINGLE, c -> batch(c, null));
    }

    {
        setUp(batch.inSequenceThenSloGate(load())).assertions(batch.assertions());
    }

    @Override
    public void before() {
        batch.start();
    }

    @Override
    public void after() {
        batch.finish();
    }
}
