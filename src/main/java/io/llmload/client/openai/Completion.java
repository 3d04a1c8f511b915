package io.llmload.client.openai;

import io.gatling.javaapi.core.Session;
import io.llmload.client.Answer;
import io.llmload.client.Endpoint;
import io.llmload.client.HttpCall;
import io.llmload.client.Outcome;
import io.llmload.client.Protocol;
import io.llmload.client.RunTarget;
import io.llmload.client.Step;
import io.llmload.config.ApiStyle;
import io.llmload.metrics.Failure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An OpenAI-compatible completion ({@code /v1/chat/completions} or {@code /v1/completions}, streamed
 * or not): one POST, its answer read by a {@link CompletionDecoder}, the text checked by the
 * workload's {@link AnswerCheck} (and, when the call asked for tools or a response format, by the
 * {@link ShapeCheck}). Output and prompt tokens come from the server's {@code usage}.
 */
record Completion(CompletionCall call, Function<Session, List<ChatMessage>> prompt, Function<Session, Integer> maxTokens,
                  Function<Session, String> image, AnswerCheck check, String conversation, ShapeCheck shape) implements Protocol {

    Completion(CompletionCall call, Function<Session, List<ChatMessage>> prompt, Function<Session, Integer> maxTokens,
               Function<Session, String> image, AnswerCheck check, String conversation) {
        this(call, prompt, maxTokens, image, check, conversation, new ShapeCheck(call.structured()));
    }

    @Override
    public Exchange open(Session session, RunTarget target) {
        List<ChatMessage> given = prompt.apply(session);
        String imageUrl = image == null ? null : image.apply(session);
        boolean chat = call.api() == ApiStyle.CHAT;
        Integer ownLength = maxTokens == null ? null : maxTokens.apply(session);
        CompletionCall asked = ownLength == null || ownLength == 0 ? call : call.withMaxTokens(ownLength);
        List<ChatMessage> messages = conversation == null ? given : withTurn(session, given.get(0));
        // the client counts the prompt it sent: every message so far
        String promptText = messages.size() == 1 ? messages.get(0).content()
                : messages.stream().map(ChatMessage::content).collect(Collectors.joining("\n"));
        String model = target.models().pick(asked.model());
        if (!model.equals(asked.model())) asked = asked.withModel(model);
        String body = chat && imageUrl == null ? asked.body(messages) : asked.body(promptText, imageUrl);
        // picked last: nothing after it can fail before the request owns it (and releases it when it ends)
        Endpoint endpoint = target.endpoints().size() > 1 ? target.endpoints().acquire() : null;
        Endpoint to = endpoint != null ? endpoint : target.endpoint();
        HttpCall post = HttpCall.postJson(to.resolve(call.api().path()), body, call.stream(), to.apiKey(), new CompletionDecoder(chat));
        String mixedModel = target.models().isEmpty() ? null : model;
        int requestedOutput = asked.outputLength().exact() || ownLength != null ? asked.maxTokens() : -1;
        return new Exchange() {
            private String answerText;
            private boolean toolCalled;

            @Override
            public HttpCall first() {
                return post;
            }

            @Override
            public Step next(Answer answer) {
                CompletionDecoder answered = (CompletionDecoder) answer.call().decoder();
                Failure failure = answer.failure();
                if (failure == null && !shape.isNone()) failure = shape.problem(answered);
                if (failure == null) failure = check.problem(answered.answerText());
                answerText = answered.answerText();
                toolCalled = answered.hasToolCalls();
                return Step.done(new Outcome(failure, answered.text(), answered.promptTokens(), answered.completionTokens(), null,
                        answered.id(), answered.usageRejected() ? Outcome.USAGE_OUT_OF_RANGE : null, answered.reasoningTokens(),
                        answered.cachedPromptTokens()));
            }

            @Override
            public Duration budget() {
                return target.endpoint().requestTimeout();
            }

            @Override
            public Session after(Session session, Outcome outcome) {
                // an answered turn joins the history; a failed one leaves it as it was, and the next turn asks anew
                if (conversation == null || !outcome.ok()) return session;
                List<ChatMessage> history = new ArrayList<>(messages);
                history.add(ChatMessage.assistant(answerText));
                return session.set(conversation, List.copyOf(history));
            }

            @Override
            public String promptText() {
                return promptText;
            }

            @Override
            public int requestedOutputTokens() {
                return requestedOutput;
            }

            @Override
            public boolean answeredWithToolCall() {
                return toolCalled;
            }

            @Override
            public Endpoint pickedEndpoint() {
                return endpoint;
            }

            @Override
            public String mixedModel() {
                return mixedModel;
            }
        };
    }

    /** The conversation kept in the session so far, then {@code turn}. */
    private List<ChatMessage> withTurn(Session session, ChatMessage turn) {
        List<ChatMessage> messages = new ArrayList<>();
        if (session.contains(conversation)) messages.addAll(session.<ChatMessage>getList(conversation));
        messages.add(turn);
        return messages;
    }
}
