package io.llmload.client;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * DSL for OpenAI-compatible requests (vLLM, llama-server, TGI, gateways):
 * {@code OpenAi.request("categorise", call, target).prompt(session -> session.getString("prompt"))}.
 */
public final class OpenAi {

    /** Session attribute holding the load level (concurrency) a request runs at. */
    public static final String LEVEL_ATTRIBUTE = "llmload.level";

    private OpenAi() {
    }

    /** The load level a user runs at (0 when not part of a ladder), for the request actions. */
    public static int level(io.gatling.core.session.Session session) {
        return session.attributes().get(LEVEL_ATTRIBUTE).map(v -> ((Number) v).intValue()).getOrElse(() -> 0);
    }

    public static Builder request(String name, CompletionCall call, Supplier<LlmTarget> target) {
        return new Builder(name, call, target, null, AnswerCheck.NONE, null);
    }

    public record Builder(String name, CompletionCall call, Supplier<LlmTarget> target,
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
            return (ScenarioContext ctx, Action next) -> new LlmRequestAction(name, next,
                    ctx.coreComponents().statsEngine(), call, prompt, image, answerCheck, target);
        }
    }
}
