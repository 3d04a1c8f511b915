package io.llmload.capacity;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.llmload.client.openai.CompletionCall;
import io.llmload.client.openai.OpenAi;
import io.llmload.config.ConfigError;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.InjectorSettings;
import io.llmload.config.LlmloadConfig;
import io.llmload.config.SlaSettings;
import io.llmload.metrics.LevelStats;
import io.llmload.prompts.PromptList;
import io.llmload.report.Summary;
import io.llmload.run.LlmRun;
import io.llmload.run.RunPlan;

import java.util.List;

/**
 * A batch throughput run: N requests (or a duration) at a concurrency, then the measured rate
 * projected onto each volume against the completion window (sla-projection.{json,md}).
 */
public final class BatchRun {

    private final LlmRun run;
    private final SlaSettings sla;
    private final PromptList prompts;
    private final CompletionCall call;

    private BatchRun(LlmRun run, SlaSettings sla) {
        this.run = run;
        this.sla = sla;
        this.prompts = PromptList.load("sla.prompts", sla.promptsFile());
        this.call = new CompletionCall(sla.api(), run.targetSettings().model(), sla.maxTokens(), 0.0, sla.stream(), true);
    }

    public static BatchRun prepare(String simulation) {
        LlmloadConfig config = LlmloadConfig.load();
        SlaSettings sla = SlaSettings.from(config.section("sla"));
        LlmRun run = LlmRun.prepare(config, RunPlan.of(simulation, "sla", GoodputCriteria.NONE, sla.requestName(),
                List.of(sla.concurrency())));
        if (run.injector().scaledOut()) {
            // its SLA projection is a figure of the whole batch, which no injector's part gives
            throw new ConfigError("injector.count = " + run.injector().count() + ": " + simulation
                    + " projects one batch's throughput and runs on one injector (injector.count = 1)");
        }
        return new BatchRun(run, sla);
    }

    /** This process's injector settings (a batch run is never scaled out). */
    public InjectorSettings injector() {
        return run.injector();
    }

    public SlaSettings settings() {
        return sla;
    }

    public PromptList prompts() {
        return prompts;
    }

    public OpenAi.Builder request() {
        return OpenAi.request(sla.requestName(), call, run.target())
                .prompt(session -> session.getString(PromptList.PROMPT_ATTRIBUTE));
    }

    public PopulationBuilder inSequenceThenSloGate(List<PopulationBuilder> load) {
        return run.inSequenceThenSloGate(load);
    }

    public List<Assertion> assertions() {
        return run.assertions();
    }

    public void start() {
        run.start();
    }

    public Summary.Run finish() {
        LevelStats measured = run.metrics().at(sla.requestName(), sla.concurrency());
        SlaSection section = SlaSection.of(measured, sla.concurrency(),
                SlaProjection.of(sla.volumes(), measured.requestsPerSecond(), sla.windowHours()));
        run.section(section);
        Summary.Run summary = run.finish();
        SlaReport.write(run.reportDirectory(), run.facts(), section);
        return summary;
    }
}
