package io.llmload.client.openai;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.llmload.client.Requests;
import io.llmload.client.RunTarget;
import io.llmload.config.ApiStyle;

import java.util.List;
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
        return new Builder(name, call, target, null, AnswerCheck.NONE, null, null, null, null);
    }

    /**
     * @param messages   the whole message list of a request (a dataset's), instead of one prompt
     * @param maxTokens  a request's own output length (a dataset's target; 0 keeps the call's)
     */
    public record Builder(String name, CompletionCall call, Supplier<RunTarget> target,
                          Function<Session, String> prompt, AnswerCheck answerCheck,
                          Function<Session, String> image, String conversation,
                          Function<Session, List<ChatMessage>> messages, Function<Session, Integer> maxTokens) implements ActionBuilder {

        public Builder prompt(Function<Session, String> newPrompt) {
            return new Builder(name, call, target, newPrompt, answerCheck, image, conversation, messages, maxTokens);
        }

        /** The request's messages (the completions API sends their contents, one a line, as its prompt). */
        public Builder messages(Function<Session, List<ChatMessage>> newMessages) {
            return new Builder(name, call, target, prompt, answerCheck, image, conversation, newMessages, maxTokens);
        }

        /** Each request's output length from the session; 0 keeps the call's {@code max_tokens}. */
        public Builder maxTokens(Function<Session, Integer> newMaxTokens) {
            return new Builder(name, call, target, prompt, answerCheck, image, conversation, messages, newMaxTokens);
        }

        public Builder check(AnswerCheck check) {
            return new Builder(name, call, target, prompt, check, image, conversation, messages, maxTokens);
        }

        /** A vision request: the image (a {@code data:} URL) goes with the prompt. */
        public Builder image(Function<Session, String> imageUrl) {
            return new Builder(name, call, target, prompt, answerCheck, imageUrl, conversation, messages, maxTokens);
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
            return new Builder(name, call, target, prompt, answerCheck, image, historyAttribute, messages, maxTokens);
        }

        @Override
        public io.gatling.core.action.builder.ActionBuilder asScala() {
            if ((prompt == null) == (messages == null)) throw new IllegalStateException("request '" + name + "' needs a prompt or messages, one of them");
            if (messages != null && (conversation != null || image != null)) {
                throw new IllegalStateException("request '" + name + "': messages go alone, without a conversation or an image");
            }
            Function<Session, List<ChatMessage>> sent = messages != null ? messages : session -> List.of(ChatMessage.user(prompt.apply(session)));
            return Requests.request(name, new Completion(call, sent, maxTokens, image, answerCheck, conversation), target).asScala();
        }
    }
}
