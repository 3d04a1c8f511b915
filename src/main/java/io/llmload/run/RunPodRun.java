package io.llmload.run;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.llmload.client.Readiness;
import io.llmload.client.runpod.HealthSeries;
import io.llmload.client.runpod.RunPod;
import io.llmload.client.runpod.RunPodHealthMonitor;
import io.llmload.config.ConfigError;
import io.llmload.config.InjectorSettings;
import io.llmload.config.LlmloadConfig;
import io.llmload.config.RunPodWorkload;
import io.llmload.prompts.PromptList;
import io.llmload.report.Summary;

import java.util.List;
import java.util.function.Function;

/**
 * A run against a RunPod serverless endpoint: the {@code runpod} workload section, its prompts,
 * the job request, and the optional {@code /health} time series kept for the summary.
 */
public final class RunPodRun {

    /** The RunPod team's monitoring alerts (docs/workloads.md), shared by the RunPod simulations. */
    public static final String ALERTS_SECTION = "runpod";

    private final LlmRun run;
    private final RunPodWorkload workload;
    private final PromptList prompts;
    private RunPodHealthMonitor health;

    private RunPodRun(LlmRun run, RunPodWorkload workload, PromptList prompts) {
        this.run = run;
        this.workload = workload;
        this.prompts = prompts;
    }

    /**
     * @param sloSection the {@code slo.<name>} section this simulation is judged by
     * @param levels     the concurrency levels it runs, from the workload section
     */
    public static RunPodRun prepare(String simulation, String sloSection, Function<RunPodWorkload, List<Integer>> levels) {
        LlmloadConfig config = LlmloadConfig.load();
        RunPodWorkload workload = RunPodWorkload.from(config.section("runpod"));
        List<Integer> ladder = levels.apply(workload);
        LlmRun run = LlmRun.prepare(config, RunPlan.of(simulation, sloSection, ALERTS_SECTION, workload.goodput(),
                List.of(workload.requestName()), ladder, false));
        if (run.targetSettings().embedded()) {
            String served = config.raw().getString("emulator.runpod.endpoint-id");
            if (!served.equals(workload.endpointId())) {
                throw new ConfigError("runpod.endpoint-id: \"" + workload.endpointId() + "\" is not the embedded emulator's endpoint (emulator.runpod.endpoint-id = \"" + served + "\")");
            }
        }
        return new RunPodRun(run, workload, PromptList.load("runpod.prompts", workload.promptsFile()));
    }

    public RunPodWorkload workload() {
        return workload;
    }

    public PromptList prompts() {
        return prompts;
    }

    /** The job request of this workload, its prompt taken from the prompt feeder. */
    public RunPod.Builder job() {
        return RunPod.job(workload.requestName(), workload, run.runPodEndpoint(workload), run.target())
                .prompt(session -> session.getString(PromptList.PROMPT_ATTRIBUTE));
    }

    /** Which share of a scaled-out test this process runs. */
    public InjectorSettings injector() {
        return run.injector();
    }

    public PopulationBuilder inSequenceThenSloGate(List<PopulationBuilder> load) {
        return run.inSequenceThenSloGate(load);
    }

    public List<Assertion> assertions() {
        return run.assertions();
    }

    public void start() {
        // jobs carry the RunPod key, whatever target.api-key-env says
        run.describeKey("RunPod endpoint " + workload.endpointId() + ", "
                + (workload.apiKey() != null && !workload.apiKey().isEmpty() ? "API key from $" + workload.apiKeyEnv() + ", " : "no API key, "));
        run.start();
        run.requireReady(readiness -> readiness.requireRunPod(run.runPodEndpoint(workload).get(),
                new Readiness.KeySource("runpod.api-key-env", workload.apiKeyEnv())));
        if (!workload.healthPollInterval().isZero()) {
            health = new RunPodHealthMonitor(run.runPodEndpoint(workload).get(), workload.healthPollInterval(),
                    run.target().get().endpoint().readLimits().maxBodyBytes());
            if (run.sink() != null) health.onSample(run.sink()::healthSample);
            health.start();
        }
    }

    public Summary.Run finish() {
        if (health != null) {
            health.close();
            HealthSeries series = health.series();
            run.section(series);
            if (run.cost().workersPriced()) run.section(WorkerCost.of(run.cost(), series.samples()));
        }
        return run.finish();
    }
}
