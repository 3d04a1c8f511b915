package io.llmload.client.openai;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.llmload.client.Requests;
import io.llmload.client.RunTarget;
import io.llmload.config.ApiStyle;

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
        return new Builder(name, call, target, null, AnswerCheck.NONE, null, null);
    }

    public record Builder(String name, CompletionCall call, Supplier<RunTarget> target,
                          Function<Session, String> prompt, AnswerCheck answerCheck,
                          Function<Session, String> image, String conversation) implements ActionBuilder {

        public Builder prompt(Function<Session, String> newPrompt) {
            return new Builder(name, call, target, newPrompt, answerCheck, image, conversation);
        }

        public Builder check(AnswerCheck check) {
            return new Builder(name, call, target, prompt, check, image, conversation);
        }

        /** A vision request: the image (a {@code data:} URL) goes with the prompt. */
        public Builder image(Function<Session, String> imageUrl) {
            return new Builder(name, call, target, prompt, answerCheck, imageUrl, conversation);
        }

        /**
         * A turn of a conversation (chat): the prompt is the user's new message, sent after every
         * earlier message kept in the session attribute {@code historyAttribute}; a successful
         * answer is added to that history for the next turn.
         */
        public Builder conversation(String historyAttribute) {
            if (call.api() != ApiStyle.CHAT) {
                throw new IllegalStateException("request '" + name + "': a conversation needs the chat API");
            }
            return new Builder(name, call, target, prompt, answerCheck, image, historyAttribute);
        }

        @Override
        public io.gatling.core.action.builder.ActionBuilder asScala() {
            if (prompt == null) throw new IllegalStateException("request '" + name + "' has no prompt");
            return Requests.request(name, new Completion(call, prompt, image, answerCheck, conversation), target).asScala();
        }
    }
}
