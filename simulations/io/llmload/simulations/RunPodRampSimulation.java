package io.llmload.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.llmload.client.runpod.RunPod;
import io.llmload.config.RunPodWorkload;
import io.llmload.run.ClosedLadder;
import io.llmload.run.RunPodRun;


import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;

/**
 * A RunPod serverless endpoint ramped from 1 to 4 concurrent jobs, 30 jobs a level, sync mode:
 * total latency split into RunPod's queue (delayTime), the handler's execution (executionTime)
 * and the rest. SLOs at c=2: execution P50 ≤ 3 s and P95 ≤ 5 s, total P50 ≤ 5 s and P95 ≤ 8 s,
 * queue P50 ≤ 2 s, success ≥ 99 %.
 */
public class RunPodRampSimulation extends Simulation {

    private final RunPodRun runpod = RunPodRun.prepare("RunPodRampSimulation", "runpod-ramp", RunPodWorkload::rampLevels);
    private final RunPodWorkload workload = runpod.workload();
    private final RunPod.Builder job = runpod.job();

    private ChainBuilder oneJob(int level) {
        return feed(runpod.prompts().feeder(runpod.injector())).exec(group(ClosedLadder.groupName(level)).on(exec(job)));
    }

    {
        setUp(runpod.inSequenceThenSloGate(ClosedLadder.ofRequestCounts("runpod", workload.rampLevels(), workload.rampJobsPerLevel(), runpod.injector(), this::oneJob)))
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
