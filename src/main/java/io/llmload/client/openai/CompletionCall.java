package io.llmload.client.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.config.ApiStyle;
import io.llmload.config.OutputLengthControl;

import java.util.List;

/** One OpenAI-compatible request's parameters; builds the JSON body both vLLM and gateways accept. */
public record CompletionCall(ApiStyle api, String model, int maxTokens, double temperature, boolean stream,
                             boolean includeUsage, OutputLengthControl outputLength, StructuredOutput structured) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model);
        var array = body.putArray("messages");
        for (ChatMessage m : messages) array.addObject().put("role", m.role()).put("content", m.content());
        return finish(body);
    }

    /** With an image (chat only): the OpenAI vision content parts, text then {@code image_url}. */
    public String body(String prompt, String imageUrl) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model);
        if (api == ApiStyle.CHAT && imageUrl != null) {
            var content = body.putArray("messages").addObject().put("role", "user").putArray("content");
            content.addObject().put("type", "text").put("text", prompt);
            content.addObject().put("type", "image_url").putObject("image_url").put("url", imageUrl);
        } else if (api == ApiStyle.CHAT) {
            body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        } else {
            body.put("prompt", prompt);
        }
        return finish(body);
    }

    private String finish(ObjectNode body) {
        body.put("max_tokens", maxTokens);
        if (outputLength == OutputLengthControl.IGNORE_EOS) body.put("ignore_eos", true);
        if (outputLength == OutputLengthControl.MIN_TOKENS) body.put("min_tokens", maxTokens);
        body.put("temperature", temperature);
        body.put("stream", stream);
        if (stream && includeUsage) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (api == ApiStyle.CHAT) structured.addTo(body);
        return body.toString();
    }
}
