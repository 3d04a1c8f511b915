package io.llmload.client.runpod;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.llmload.config.RunPodWorkload;

import java.util.function.Function;
import java.util.function.Supplier;

/** DSL for RunPod serverless jobs: {@code RunPod.job("job", workload, target).prompt(session -> ...)}. */
public final class RunPod {

    private RunPod() {
    }

    public static Builder job(String name, RunPodWorkload workload, Supplier<RunPodTarget> target) {
        return new Builder(name, workload, target, null);
    }

    public record Builder(String name, RunPodWorkload workload, Supplier<RunPodTarget> target,
                          Function<Session, String> prompt) implements ActionBuilder {

        public Builder prompt(Function<Session, String> newPrompt) {
            return new Builder(name, workload, target, newPrompt);
        }

        @Override
        public io.gatling.core.action.builder.ActionBuilder asScala() {
            if (prompt == null) throw new IllegalStateException("job '" + name + "' has no prompt");
            return (ScenarioContext ctx, Action next) -> new RunPodJobAction(name, next,
                    ctx.coreComponents().statsEngine(), workload, prompt, target);
        }
    }
}
