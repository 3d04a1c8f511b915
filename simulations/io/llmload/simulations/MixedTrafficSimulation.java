package io.llmload.simulations;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.llmload.client.Requests;
import io.llmload.config.InferenceWorkload;
import io.llmload.run.InferenceRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The inference server under mixed traffic, as production sees it: 70 % embeddings, 25 % chat,
 * 5 % audio (configurable, vision too), all behind the server's one limiter. Open model: Poisson
 * arrivals at {@code inference.mixed.rate}/s; closed model: {@code inference.mixed.concurrency} in
 * flight. SLOs per capability, including the largest acceptable share of 429s.
 */
public class MixedTrafficSimulation extends Simulation {

    private final InferenceRun inference = InferenceRun.prepare("MixedTrafficSimulation", "inference-mixed",
            MixedTrafficSimulation::used, w -> w.mixedModel() == InferenceWorkload.MixedModel.OPEN ? 0 : w.mixedConcurrency());
    private final InferenceWorkload workload = inference.workload();
    private final boolean open = workload.mixedModel() == InferenceWorkload.MixedModel.OPEN;

    private final Map<String, ActionBuilder> requests = Map.of(
            InferenceWorkload.EMBEDDINGS, inference.embeddings(),
            InferenceWorkload.CHAT, inference.chat(),
            InferenceWorkload.VISION, inference.vision(),
            InferenceWorkload.AUDIO, inference.audio());

    /** The capabilities with a weight, in the order of the weights. */
    private static List<String> used(InferenceWorkload workload) {
        return workload.weights().entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
    }

    private ScenarioBuilder mixed() {
        List<Choice.WithWeight> choices = new ArrayList<>();
        workload.weights().forEach((capability, weight) -> {
            if (weight > 0) choices.add(percent(weight).then(exec(requests.get(capability))));
        });
        return scenario("mixed traffic")
                .exec(session -> session.set(Requests.LEVEL_ATTRIBUTE, open ? 0 : workload.mixedConcurrency()))
                .feed(inference.feeders().feeder(inference.injector()))
                .randomSwitch().on(choices);
    }

    private PopulationBuilder load() {
        return open
                ? mixed().injectOpen(constantUsersPerSec(inference.injector().share(workload.mixedRate())).during(workload.mixedDuration()).randomized())
                : mixed().injectClosed(constantConcurrentUsers(inference.injector().share(workload.mixedConcurrency())).during(workload.mixedDuration()));
    }

    {
        if (open) inference.measureOpenRate(inference.injector().share(workload.mixedRate()), workload.mixedDuration());
        setUp(inference.inSequenceThenSloGate(List.of(load()))).assertions(inference.assertions());
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
