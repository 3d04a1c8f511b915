package io.llmload.run;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.llmload.config.LoadSettings;

import java.util.List;
import java.util.function.IntFunction;

/**
 * A workload's load model ({@code <workload>.load}) as Gatling populations: the closed ladder of its
 * levels, or the open steps of its rates (Poisson, gamma, a sweep) with their fidelity in the summary.
 */
public final class LoadModel {

    private final LoadSettings load;
    private final LlmRun run;
    private final OpenSteps open;

    private LoadModel(LoadSettings load, LlmRun run, OpenSteps open) {
        this.load = load;
        this.run = run;
        this.open = open;
    }

    /** @param request the request name whose measured rates a sweep's rates come from */
    public static LoadModel of(LoadSettings load, LlmRun run, String request) {
        return new LoadModel(load, run, load.open() ? new OpenSteps(load, run.injector(), run.metrics(), request) : null);
    }

    /**
     * @param workload      names the closed levels' users ("news c=8")
     * @param atConcurrency the chain a user of closed level c runs again and again (feeding and grouping included)
     * @param atStep        the chain one arrival of open step k runs (feeding and grouping included)
     */
    public List<PopulationBuilder> populations(String workload, IntFunction<ChainBuilder> atConcurrency, IntFunction<ChainBuilder> atStep) {
        if (open != null) return open.populations(atStep, run.metrics());
        return ClosedLadder.of(workload, load.levels(), load.holdTime(), run.injector(), atConcurrency);
    }

    /** In after(), before the run finishes: an open model's fidelity per step goes into the summary. */
    public void report() {
        if (open != null) run.section(open.section());
    }
}
