package io.llmload.client.runpod;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.llmload.client.Requests;
import io.llmload.client.RunTarget;
import io.llmload.config.RunPodWorkload;

import java.util.function.Function;
import java.util.function.Supplier;

/** DSL for RunPod serverless jobs: {@code RunPod.job("job", workload, endpoint, target).prompt(session -> ...)}. */
public final class RunPod {

    private RunPod() {
    }

    public static Builder job(String name, RunPodWorkload workload, Supplier<RunPodEndpoint> endpoint, Supplier<RunTarget> target) {
        return new Builder(name, workload, endpoint, target, null);
    }

    public record Builder(String name, RunPodWorkload workload, Supplier<RunPodEndpoint> endpoint, Supplier<RunTarget> target,
                          Function<Session, String> prompt) implements ActionBuilder {

        public Builder prompt(Function<Session, String> newPrompt) {
            return new Builder(name, workload, endpoint, target, newPrompt);
        }

        @Override
        public io.gatling.core.action.builder.ActionBuilder asScala() {
            if (prompt == null) throw new IllegalStateException("job '" + name + "' has no prompt");
            return Requests.request(name, new Job(workload, endpoint, prompt), target).asScala();
        }
    }
}
