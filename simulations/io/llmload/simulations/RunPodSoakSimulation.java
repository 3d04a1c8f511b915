package io.llmload.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.llmload.config.RunPodWorkload;
import io.llmload.run.ClosedLadder;
import io.llmload.run.RunPodRun;

import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;

/**
 * The production-readiness soak of the RunPod report: 2 jobs in flight for 360 jobs (or for a
 * duration), with the same SLOs judged over the whole run and zero failures expected.
 */
public class RunPodSoakSimulation extends Simulation {

    private final RunPodRun runpod = RunPodRun.prepare("RunPodSoakSimulation", "runpod-soak", w -> List.of(w.soakConcurrency()));
    private final RunPodWorkload workload = runpod.workload();
    private final int concurrency = workload.soakConcurrency();

    private final ChainBuilder oneJob = feed(runpod.prompts().feeder(runpod.injector()))
            .exec(group(ClosedLadder.groupName(concurrency)).on(exec(runpod.job())));

    private List<PopulationBuilder> soak() {
        if (!workload.soakDuration().isZero()) {
            return ClosedLadder.of("runpod soak", List.of(concurrency), workload.soakDuration(), runpod.injector(), level -> oneJob);
        }
        return ClosedLadder.ofRequestCounts("runpod soak", List.of(concurrency), workload.soakJobs(), runpod.injector(), level -> oneJob);
    }

    {
        setUp(runpod.inSequenceThenSloGate(soak()))
                .assertions(runpod.assertions());
    }

    @Override
    public void before() {
        runpod.start();
    }

    @Override
    public void after() {
        runpod.finish();
    }
}
