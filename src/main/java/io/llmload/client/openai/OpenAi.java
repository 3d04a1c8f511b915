package io.llmload.client.openai;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.llmload.client.Requests;
import io.llmload.client.RunTarget;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * DSL for OpenAI-compatible requests (vLLM, llama-server, TGI, gateways):
 * {@code OpenAi.request("categorise", call, target).prompt(session -> session.getString("prompt"))}.
 */
public final class OpenAi {

    private OpenAi() {
    }

    public static Builder request(String name, CompletionCall call, Supplier<RunTarget> target) {
        return new Builder(name, call, target, null, AnswerCheck.NONE, null);
    }

    public record Builder(String name, CompletionCall call, Supplier<RunTarget> target,
                          Function<Session, String> prompt, AnswerCheck answerCheck,
                          Function<Session, String> image) implements ActionBuilder {

        public Builder prompt(Function<Session, String> newPrompt) {
            return new Builder(name, call, target, newPrompt, answerCheck, image);
        }

        public Builder check(AnswerCheck check) {
            return new Builder(name, call, target, prompt, check, image);
        }

        /** A vision request: the image (a {@code data:} URL) goes with the prompt. */
        public Builder image(Function<Session, String> imageUrl) {
            return new Builder(name, call, target, prompt, answerCheck, imageUrl);
        }

        @Override
        public io.gatling.core.action.builder.ActionBuilder asScala() {
            if (prompt == null) throw new IllegalStateException("request '" + name + "' has no prompt");
            return Requests.request(name, new Completion(call, prompt, image, answerCheck), target).asScala();
        }
    }
}
