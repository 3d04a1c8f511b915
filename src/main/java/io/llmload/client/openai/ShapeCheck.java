package io.llmload.client.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks that an answer has the shape the request asked for: each tool call names a declared
 * function and its arguments are JSON matching that function's {@code parameters} (JSON Schema), and
 * a call was made where {@code tool_choice} required one; an answer under a {@code response_format}
 * of type {@code json_schema} is JSON matching the schema. Returns the KO, or null.
 */
final class ShapeCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Failure NO_TOOL_CALL = Failure.of(FailureKind.INVALID_TOOL_CALL, "no tool call (tool_choice required one)");
    static final Failure UNDECLARED_FUNCTION = Failure.of(FailureKind.INVALID_TOOL_CALL, "tool call to a function that is not in tools");
    static final Failure ARGUMENTS_NOT_JSON = Failure.of(FailureKind.INVALID_TOOL_CALL, "tool call arguments are not a JSON object");
    static final Failure ANSWER_NOT_JSON = Failure.of(FailureKind.INVALID_ANSWER, "answer is not JSON (response_format json_schema)");

    private final StructuredOutput asked;
    private final Map<String, JsonSchema> parameters = new HashMap<>();
    private final JsonSchema response;

    ShapeCheck(StructuredOutput asked) {
        this.asked = asked;
        if (asked.tools() != null) {
            for (JsonNode tool : asked.tools()) {
                JsonNode function = tool.path("function");
                parameters.put(function.path("name").asText(), Schemas.FACTORY.getSchema(function.path("parameters").isObject()
                        ? function.get("parameters") : MAPPER.createObjectNode()));
            }
        }
        JsonNode schema = asked.responseSchema();
        this.response = schema == null ? null : Schemas.FACTORY.getSchema(schema);
    }

    boolean isNone() {
        return asked.tools() == null && response == null;
    }

    Failure problem(CompletionDecoder answer) {
        if (asked.tools() != null) {
            if (!answer.hasToolCalls()) return asked.callRequired() ? NO_TOOL_CALL : null;
            for (CompletionDecoder.ToolCall call : answer.toolCalls()) {
                Failure wrong = problem(call);
                if (wrong != null) return wrong;
            }
            return null;
        }
        if (response == null) return null;
        JsonNode json = parse(answer.answerText());
        if (json == null) return ANSWER_NOT_JSON;
        Set<ValidationMessage> errors = response.validate(json);
        return errors.isEmpty() ? null
                : Failure.of(FailureKind.INVALID_ANSWER, "answer does not match the response_format schema: " + first(errors));
    }

    private Failure problem(CompletionDecoder.ToolCall call) {
        JsonSchema schema = parameters.get(call.name());
        if (schema == null) return UNDECLARED_FUNCTION;
        JsonNode arguments = parse(call.arguments());
        if (arguments == null || !arguments.isObject()) return ARGUMENTS_NOT_JSON;
        Set<ValidationMessage> errors = schema.validate(arguments);
        return errors.isEmpty() ? null : Failure.of(FailureKind.INVALID_TOOL_CALL,
                "tool call arguments do not match the parameters of '" + call.name() + "': " + first(errors));
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The first error, sorted so that the reason of a given mistake is always the same text. */
    private static String first(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).sorted().findFirst().orElse("");
    }

    /** The schema library loads ~180 classes: only for runs that check tools or structured output, not at every start. */
    private static final class Schemas {
        static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    }
}
