package io.llmload.simulations;

import io.llmload.client.Requests;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.llmload.capacity.SlaProjection;
import io.llmload.config.LlmloadConfig;
import io.llmload.config.SlaSettings;
import io.llmload.config.GoodputCriteria;
import io.llmload.prompts.PromptList;
import io.llmload.capacity.SlaReport;
import io.llmload.run.ClosedLadder;
import io.llmload.run.LlmRun;
import io.llmload.run.SloAssertions;
import io.llmload.client.openai.CompletionCall;
import io.llmload.client.openai.OpenAi;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Batch throughput (../shared/reference/batch-inference-test-matrix.md): 2,000 requests at 4 in
 * flight (or a duration), then the time to finish 100k, 1M, 10M and 17M requests at the measured
 * rate, against a 24 h window — each labelled as a projection from the measured throughput.
 */
public class BatchThroughputSimulation extends Simulation {

    private final LlmloadConfig config = LlmloadConfig.load();
    private final SlaSettings sla = SlaSettings.from(config.section("sla"));
    private final LlmRun run = LlmRun.prepare("BatchThroughputSimulation", config, "sla", GoodputCriteria.NONE);
    private final PromptList prompts = PromptList.load("sla.prompts", sla.promptsFile());
    private final CompletionCall call = new CompletionCall(sla.api(), run.targetSettings().model(), sla.maxTokens(),
            0.0, sla.stream(), true);
    private final OpenAi.Builder request = OpenAi.request(sla.requestName(), call, run.target())
            .prompt(session -> session.getString(PromptList.PROMPT_ATTRIBUTE));

    private ScenarioBuilder batch(int concurrency, Function<Session, Boolean> another) {
        var oneRequest = feed(prompts.feeder()).exec(group(ClosedLadder.groupName(concurrency)).on(exec(request)));
        var scenario = scenario("batch " + ClosedLadder.groupName(concurrency))
                .exec(session -> session.set(Requests.LEVEL_ATTRIBUTE, concurrency));
        return another == null ? scenario.exec(oneRequest) : scenario.asLongAs(another).on(oneRequest);
    }

    private List<PopulationBuilder> load() {
        List<Integer> level = List.of(sla.concurrency());
        return sla.duration().isZero()
                ? ClosedLadder.ofRequestCounts(level, sla.requests(), this::batch)
                : ClosedLadder.of(level, sla.duration(), c -> batch(c, null));
    }

    {
        setUp(run.inSequenceThenSloGate(load(), sla.requestName()))
                .assertions(SloAssertions.of(run.slos(), sla.requestName()));
    }

    @Override
    public void before() {
        run.start();
    }

    @Override
    public void after() {
        var measured = run.metrics().at(sla.requestName(), sla.concurrency());
        List<SlaProjection> projections = SlaProjection.of(sla.volumes(), measured.requestsPerSecond(), sla.windowHours());
        Map<String, Object> summary = SlaReport.summary(measured, sla.concurrency(), projections);
        run.runInfo().put("sla", summary);
        run.finish(sla.requestName(), List.of(sla.concurrency()));
        SlaReport.write(run.reportDirectory(), run.runInfo(), summary);
    }
}
