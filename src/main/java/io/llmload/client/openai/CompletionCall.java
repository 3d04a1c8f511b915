package io.llmload.client.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.config.ApiStyle;
import io.llmload.config.OutputLengthControl;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** One OpenAI-compatible request's parameters; builds the JSON body both vLLM and gateways accept. */
public record CompletionCall(ApiStyle api, String model, int maxTokens, double temperature, boolean stream,
                             boolean includeUsage, OutputLengthControl outputLength, StructuredOutput structured) {

    /** Its generators write doubles (the temperature) without {@code Double.toString}'s dtoa, as the request log does. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build());

    /** A call whose max_tokens is a cap only. */
    public CompletionCall(ApiStyle api, String model, int maxTokens, double temperature, boolean stream, boolean includeUsage) {
        this(api, model, maxTokens, temperature, stream, includeUsage, OutputLengthControl.MAX_TOKENS, StructuredOutput.NONE);
    }

    /** A call without tools or a response format. */
    public CompletionCall(ApiStyle api, String model, int maxTokens, double temperature, boolean stream, boolean includeUsage,
                          OutputLengthControl outputLength) {
        this(api, model, maxTokens, temperature, stream, includeUsage, outputLength, StructuredOutput.NONE);
    }

    /** The same call to another served model (a LoRA adapter, a mix's other model). */
    public CompletionCall withModel(String other) {
        return new CompletionCall(api, other, maxTokens, temperature, stream, includeUsage, outputLength, structured);
    }

    /** The same call asking for {@code tokens} output tokens. */
    public CompletionCall withMaxTokens(int tokens) {
        return tokens == maxTokens ? this : new CompletionCall(api, model, tokens, temperature, stream, includeUsage, outputLength, structured);
    }

    public String body(String prompt) {
        return body(prompt, null);
    }

    /** A chat conversation: every earlier turn, then the new user message (chat only). */
    public String body(List<ChatMessage> messages) {
        return write(g -> {
            g.writeStringField("model", model);
            g.writeArrayFieldStart("messages");
            for (ChatMessage m : messages) message(g, m.role(), m.content());
            g.writeEndArray();
        });
    }

    /** With an image (chat only): the OpenAI vision content parts, text then {@code image_url}. */
    public String body(String prompt, String imageUrl) {
        return write(g -> {
            g.writeStringField("model", model);
            if (api == ApiStyle.CHAT && imageUrl != null) {
                g.writeArrayFieldStart("messages");
                g.writeStartObject();
                g.writeStringField("role", "user");
                g.writeArrayFieldStart("content");
                g.writeStartObject();
                g.writeStringField("type", "text");
                g.writeStringField("text", prompt);
                g.writeEndObject();
                g.writeStartObject();
                g.writeStringField("type", "image_url");
                g.writeObjectFieldStart("image_url");
                g.writeStringField("url", imageUrl);
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndArray();
            } else if (api == ApiStyle.CHAT) {
                g.writeArrayFieldStart("messages");
                message(g, "user", prompt);
                g.writeEndArray();
            } else {
                g.writeStringField("prompt", prompt);
            }
        });
    }

    private static void message(JsonGenerator g, String role, String content) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", role);
        g.writeStringField("content", content);
        g.writeEndObject();
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * The body written straight with a generator: a node tree and its serialisation cost ~30 µs a
     * request on a 100-stream injector, inline before the next request leaves.
     */
    private String write(Fields first) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            first.write(g);
            g.writeNumberField("max_tokens", maxTokens);
            if (outputLength == OutputLengthControl.IGNORE_EOS) g.writeBooleanField("ignore_eos", true);
            if (outputLength == OutputLengthControl.MIN_TOKENS) g.writeNumberField("min_tokens", maxTokens);
            g.writeNumberField("temperature", temperature);
            g.writeBooleanField("stream", stream);
            if (stream && includeUsage) {
                g.writeObjectFieldStart("stream_options");
                g.writeBooleanField("include_usage", true);
                g.writeEndObject();
            }
            if (api == ApiStyle.CHAT) structured.writeTo(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
