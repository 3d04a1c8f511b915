package io.llmload.client.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

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

    /** Its fields in a request body: {@code g} must come from an {@code ObjectMapper}, which writes the trees. */
    void writeTo(JsonGenerator g) throws IOException {
        if (tools != null) {
            g.writeFieldName("tools");
            g.writeTree(tools);
            if (toolChoice != null) {
                g.writeFieldName("tool_choice");
                g.writeTree(toolChoice);
            }
        }
        if (responseFormat != null) {
            g.writeFieldName("response_format");
            g.writeTree(responseFormat);
        }
    }
}
