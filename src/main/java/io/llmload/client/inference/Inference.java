package io.llmload.client.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.llmload.metrics.Failure;
import io.llmload.prompts.InferenceFeeders;
import io.llmload.client.Failures;
import io.llmload.client.LlmTarget;
import io.llmload.tokenizer.TokenCounter;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * DSL for the inference server's non-chat APIs: {@code Inference.embeddings("embeddings", model, dim, target)}
 * ({@code input} a string, or a list when the feeder gives several texts; vector count and
 * dimension checked) and {@code Inference.transcription("audio", model, target)} (multipart upload
 * with the {@code model} field; {@code text} checked).
 */
public final class Inference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Inference() {
    }

    public static ActionBuilder embeddings(String name, String model, int dimension, Supplier<LlmTarget> target) {
        return builder(name, new EmbeddingsCall(model, dimension), target);
    }

    public static ActionBuilder transcription(String name, String model, Supplier<LlmTarget> target) {
        return builder(name, new TranscriptionCall(model), target);
    }

    private static ActionBuilder builder(String name, HttpCallAction.Call call, Supplier<LlmTarget> target) {
        return () -> (ScenarioContext ctx, Action next) -> new HttpCallAction(name, next, ctx.coreComponents().statsEngine(), call, target);
    }

    private static HttpRequest.Builder post(LlmTarget t, String path, String contentType) {
        // no JDK request timeout (it covers the headers only): the action's budget bounds the whole call
        HttpRequest.Builder b = HttpRequest.newBuilder(t.endpoint().resolve(path))
                .header("Content-Type", contentType).header("Accept", "application/json");
        if (t.endpoint().hasApiKey()) b.header("Authorization", "Bearer " + t.endpoint().apiKey());
        return b;
    }

    record EmbeddingsCall(String model, int dimension) implements HttpCallAction.Call {
        @Override
        public HttpRequest build(Session session, LlmTarget t) {
            List<String> texts = session.getList(InferenceFeeders.TEXTS);
            ObjectNode body = JSON.createObjectNode().put("model", model);
            if (texts.size() == 1) {
                body.put("input", texts.get(0));
            } else {
                ArrayNode input = body.putArray("input");
                texts.forEach(input::add);
            }
            return post(t, "/v1/embeddings", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        }

        @Override
        public Failure problem(Session session, JsonNode body) {
            int expected = session.getList(InferenceFeeders.TEXTS).size();
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

    record TranscriptionCall(String model) implements HttpCallAction.Call {
        private static final TokenCounter TOKENS = TokenCounter.cl100k();

        @Override
        public HttpRequest build(Session session, LlmTarget t) {
            String boundary = "llmload-" + UUID.randomUUID();
            byte[] clip = (byte[]) session.get(InferenceFeeders.CLIP);
            String fileName = session.getString(InferenceFeeders.CLIP_NAME);
            ByteArrayOutputStream out = new ByteArrayOutputStream(clip.length + 512);
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model + "\r\n");
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: audio/wav\r\n\r\n");
            out.writeBytes(clip);
            write(out, "\r\n--" + boundary + "--\r\n");
            return post(t, "/v1/audio/transcriptions", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Failure problem(Session session, JsonNode body) {
            return body.path("text").isTextual() && !body.path("text").asText().isBlank() ? null
                    : Failures.emptyAnswer("transcription: no text");
        }

        @Override
        public int promptTokens(JsonNode body) {
            return 0;
        }

        @Override
        public int outputTokens(JsonNode body) {
            return TOKENS.count(body.path("text").asText(""));
        }
    }
}
