package io.llmload.client.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.llmload.client.Answer;
import io.llmload.client.Failures;
import io.llmload.client.HttpCall;
import io.llmload.client.JsonAnswer;
import io.llmload.client.Outcome;
import io.llmload.client.Protocol;
import io.llmload.client.Requests;
import io.llmload.client.RunTarget;
import io.llmload.client.Step;
import io.llmload.metrics.Failure;
import io.llmload.prompts.InferenceFeeders;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * DSL for the inference server's non-chat APIs: {@code Inference.embeddings("embeddings", model, dim, target)}
 * ({@code input} a string, or a list when the feeder gives several texts; vector count and
 * dimension checked) and {@code Inference.transcription("audio", model, target)} (multipart upload
 * with the {@code model} field; {@code text} checked). Both are one POST whose whole JSON answer is judged.
 */
public final class Inference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Inference() {
    }

    public static ActionBuilder embeddings(String name, String model, int dimension, Supplier<RunTarget> target) {
        return Requests.request(name, new Embeddings(model, dimension), target);
    }

    public static ActionBuilder transcription(String name, String model, Supplier<RunTarget> target) {
        return Requests.request(name, new Transcription(model), target);
    }

    /** A one-call exchange: the POST, then its answer judged by {@code judge} when the call itself succeeded. */
    private static Protocol.Exchange oneCall(HttpCall post, RunTarget target, String promptText,
                                             Function<JsonNode, Outcome> judge) {
        return new Protocol.Exchange() {
            @Override
            public HttpCall first() {
                return post;
            }

            @Override
            public Step next(Answer answer) {
                JsonNode body = ((JsonAnswer) answer.call().decoder()).json();
                if (answer.failure() != null) return Step.done(Outcome.failed(answer.failure()));
                return Step.done(judge.apply(body));
            }

            @Override
            public Duration budget() {
                return target.endpoint().requestTimeout();
            }

            @Override
            public String promptText() {
                return promptText;
            }
        };
    }

    /** {@code POST /v1/embeddings}: as many vectors as texts, of the expected dimension (0 = any, but all alike). */
    record Embeddings(String model, int dimension) implements Protocol {
        @Override
        public Exchange open(Session session, RunTarget target) {
            List<String> texts = session.getList(InferenceFeeders.TEXTS);
            ObjectNode body = JSON.createObjectNode().put("model", model);
            if (texts.size() == 1) {
                body.put("input", texts.get(0));
            } else {
                ArrayNode input = body.putArray("input");
                texts.forEach(input::add);
            }
            HttpCall post = HttpCall.postJson(target.endpoint().resolve("/v1/embeddings"), body.toString(), false,
                    target.endpoint().apiKey(), new JsonAnswer(true));
            return oneCall(post, target, String.join("\n", texts), json -> {
                int promptTokens = json.path("usage").path("prompt_tokens").canConvertToInt()
                        ? json.path("usage").path("prompt_tokens").asInt(-1) : -1;
                return new Outcome(problem(texts.size(), json), "", promptTokens < 0 ? -1 : promptTokens, -1, null, null, null);
            });
        }

        private Failure problem(int expected, JsonNode body) {
            JsonNode data = body.path("data");
            if (data.size() == 0) return Failures.emptyAnswer("embeddings: no vectors");
            if (data.size() != expected) return Failures.invalidAnswer("embeddings: expected " + expected + " vectors, got " + data.size());
            int first = data.path(0).path("embedding").size();
            for (JsonNode item : data) {
                int size = item.path("embedding").size();
                if (size == 0) return Failures.emptyAnswer("embeddings: an empty vector");
                if (dimension > 0 && size != dimension) return Failures.invalidAnswer("embeddings: " + size + " dimensions, expected " + dimension);
                if (size != first) return Failures.invalidAnswer("embeddings: vectors of different lengths");
            }
            return null;
        }
    }

    /** {@code POST /v1/audio/transcriptions} (multipart: {@code model}, {@code file}): a non-blank {@code text}. */
    record Transcription(String model) implements Protocol {
        @Override
        public Exchange open(Session session, RunTarget target) {
            String boundary = "llmload-" + UUID.randomUUID();
            byte[] clip = (byte[]) session.get(InferenceFeeders.CLIP);
            String fileName = session.getString(InferenceFeeders.CLIP_NAME);
            ByteArrayOutputStream out = new ByteArrayOutputStream(clip.length + 512);
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model + "\r\n");
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: audio/wav\r\n\r\n");
            out.writeBytes(clip);
            write(out, "\r\n--" + boundary + "--\r\n");
            HttpCall post = HttpCall.post(target.endpoint().resolve("/v1/audio/transcriptions"),
                    "multipart/form-data; boundary=" + boundary, out.toByteArray(), false, target.endpoint().apiKey(), new JsonAnswer(true));
            return oneCall(post, target, null, json -> {
                boolean transcribed = json.path("text").isTextual() && !json.path("text").asText().isBlank();
                return new Outcome(transcribed ? null : Failures.emptyAnswer("transcription: no text"), json.path("text").asText(""),
                        0, -1, null, null, null);
            });
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
