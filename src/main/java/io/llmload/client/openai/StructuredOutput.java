package io.llmload.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a chat request asks the model to answer in a shape: {@code tools} with a {@code tool_choice}
 * (the answer is a function call whose arguments must match the function's parameters), or a
 * {@code response_format} of type {@code json_schema} (the answer must match the schema). Either may be null.
 */
public record StructuredOutput(ArrayNode tools, JsonNode toolChoice, ObjectNode responseFormat) {

    public static final StructuredOutput NONE = new StructuredOutput(null, null, null);

    /** Whether the model must call a tool: tool_choice "required" or a named function. */
    public boolean callRequired() {
        return tools != null && toolChoice != null && ("required".equals(toolChoice.asText()) || toolChoice.isObject());
    }

    /** The JSON schema of the response_format, or null. */
    public JsonNode responseSchema() {
        return responseFormat == null ? null : responseFormat.path("json_schema").get("schema");
    }

    void addTo(ObjectNode body) {
        if (tools != null) {
            body.set("tools", tools);
            if (toolChoice != null) body.set("tool_choice", toolChoice);
        }
        if (responseFormat != null) body.set("response_format", responseFormat);
    }
}
