package io.llmload.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.Session;
import io.llmload.client.Answer;
import io.llmload.client.Failures;
import io.llmload.client.HttpCall;
import io.llmload.client.JsonAnswer;
import io.llmload.client.Outcome;
import io.llmload.client.Protocol;
import io.llmload.client.RunTarget;
import io.llmload.client.Step;
import io.llmload.metrics.Failure;
import io.llmload.prompts.PromptList;

import java.time.Duration;

/**
 * A request kind of a test's own, the README's worked example of "add a request kind": {@code POST
 * /echo} with {@code {"text": <prompt>}}, whose JSON answer must carry the same text back. It runs
 * through the one generic action like the built-in kinds, with no other file changed.
 */
record EchoProtocol() implements Protocol {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Exchange open(Session session, RunTarget target) {
        String text = session.getString(PromptList.PROMPT_ATTRIBUTE);
        JsonAnswer answer = new JsonAnswer(true);
        HttpCall post = HttpCall.postJson(target.endpoint().resolve("/echo"), JSON.createObjectNode().put("text", text).toString(),
                false, target.endpoint().apiKey(), answer);
        return new Exchange() {
            @Override
            public HttpCall first() {
                return post;
            }

            @Override
            public Step next(Answer reply) {
                if (reply.failure() != null) return Step.done(Outcome.failed(reply.failure()));
                String echoed = answer.json().path("text").asText("");
                Failure failure = echoed.equals(text) ? null : Failures.invalidAnswer("echo: the answer is not the text sent");
                return Step.done(new Outcome(failure, echoed, -1, -1, null, null, null));
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
