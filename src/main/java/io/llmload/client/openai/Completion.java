package io.llmload.client.openai;

import io.gatling.javaapi.core.Session;
import io.llmload.client.Answer;
import io.llmload.client.HttpCall;
import io.llmload.client.Outcome;
import io.llmload.client.Protocol;
import io.llmload.client.RunTarget;
import io.llmload.client.Step;
import io.llmload.config.ApiStyle;
import io.llmload.metrics.Failure;

import java.time.Duration;
import java.util.function.Function;

/**
 * An OpenAI-compatible completion ({@code /v1/chat/completions} or {@code /v1/completions}, streamed
 * or not): one POST, its answer read by a {@link CompletionDecoder}, the text checked by the
 * workload's {@link AnswerCheck}. Output and prompt tokens come from the server's {@code usage}.
 */
record Completion(CompletionCall call, Function<Session, String> prompt, Function<Session, String> image,
                  AnswerCheck check) implements Protocol {

    @Override
    public Exchange open(Session session, RunTarget target) {
        String text = prompt.apply(session);
        String imageUrl = image == null ? null : image.apply(session);
        boolean chat = call.api() == ApiStyle.CHAT;
        HttpCall post = HttpCall.postJson(target.endpoint().resolve(call.api().path()), call.body(text, imageUrl), call.stream(),
                target.endpoint().apiKey(), new CompletionDecoder(chat));
        return new Exchange() {
            @Override
            public HttpCall first() {
                return post;
            }

            @Override
            public Step next(Answer answer) {
                CompletionDecoder answered = (CompletionDecoder) answer.call().decoder();
                Failure failure = answer.failure();
                if (failure == null) failure = check.problem(answered.answerText());
                return Step.done(new Outcome(failure, answered.text(), answered.promptTokens(), answered.completionTokens(), null,
                        answered.id(), answered.usageRejected() ? Outcome.USAGE_OUT_OF_RANGE : null, answered.reasoningTokens(),
                        answered.cachedPromptTokens()));
            }

            @Override
            public Duration budget() {
                return target.endpoint().requestTimeout();
            }

            @Override
            public String promptText() {
                return text;
            }
        };
    }
}
