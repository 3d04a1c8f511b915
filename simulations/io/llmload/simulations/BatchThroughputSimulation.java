package io.llmload.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.llmload.capacity.BatchRun;
import io.llmload.config.SlaSettings;
import io.llmload.run.ClosedLadder;

import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;

/**
 * Batch throughput (docs/workloads.md, "Batch throughput and a 24 h SLA"): 2,000 requests at 4 in flight
 * (or a duration), then the time to finish 100k, 1M, 10M and 17M requests at the measured rate,
 * against a 24 h window — each labelled as a projection from the measured throughput.
 */
public class BatchThroughputSimulation extends Simulation {

    private final BatchRun batch = BatchRun.prepare("BatchThroughputSimulation");
    private final SlaSettings sla = batch.settings();

    private ChainBuilder oneRequest(int concurrency) {
        return feed(batch.prompts().feeder()).exec(group(ClosedLadder.groupName(concurrency)).on(exec(batch.request())));
    }

    private List<PopulationBuilder> load() {
        List<Integer> level = List.of(sla.concurrency());
        return sla.duration().isZero()
                ? ClosedLadder.ofRequestCounts("batch", level, sla.requests(), batch.injector(), this::oneRequest)
                : ClosedLadder.of("batch", level, sla.duration(), batch.injector(), this::oneRequest);
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
