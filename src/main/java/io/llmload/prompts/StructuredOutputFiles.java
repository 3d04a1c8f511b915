package io.llmload.prompts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.client.openai.StructuredOutput;
import io.llmload.config.ConfigError;

/**
 * Reads what a workload asks the model to answer in a shape: a tools file (OpenAI's {@code tools}
 * list: {@code [{"type": "function", "function": {"name", "description", "parameters"}}]}) with its
 * {@code tool_choice} ({@code auto}, {@code required}, {@code none} or a function's name), and a
 * response-format file ({@code {"name", "schema"}}, sent as {@code response_format} of type
 * {@code json_schema}). Empty file names: not asked. A bad file is one line naming its key.
 */
public final class StructuredOutputFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StructuredOutputFiles() {
    }

    /** @param section the workload's key prefix, e.g. "serving" (for error messages) */
    public static StructuredOutput read(String section, String toolsFile, String toolChoice, String responseFormatFile) {
        ArrayNode tools = toolsFile.isBlank() ? null : tools(section + ".tools.file", toolsFile);
        JsonNode choice = tools == null ? null : choice(section + ".tools.choice", toolChoice, tools);
        ObjectNode format = responseFormatFile.isBlank() ? null : responseFormat(section + ".response-format.file", responseFormatFile);
        return new StructuredOutput(tools, choice, format);
    }

    private static JsonNode json(String key, String file) {
        try {
            return MAPPER.readTree(FeederFiles.read(key, file));
        } catch (JsonProcessingException e) {
            throw new ConfigError(key + ": " + file + " is not JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
        }
    }

    private static ArrayNode tools(String key, String file) {
        JsonNode tools = json(key, file);
        if (!tools.isArray() || tools.isEmpty()) throw new ConfigError(key + ": " + file + " must be a non-empty JSON list of tools");
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            if (!"function".equals(tool.path("type").asText()) || !function.path("name").isTextual()
                    || (function.has("parameters") && !function.get("parameters").isObject())) {
                throw new ConfigError(key + ": " + file + ": each tool must be {\"type\": \"function\", \"function\": {\"name\": ..., \"parameters\": {...}}}, got "
                        + tool);
            }
        }
        return (ArrayNode) tools;
    }

    private static JsonNode choice(String key, String choice, ArrayNode tools) {
        if (choice.equals("auto") || choice.equals("required") || choice.equals("none")) return MAPPER.getNodeFactory().textNode(choice);
        for (JsonNode tool : tools) {
            if (tool.path("function").path("name").asText().equals(choice)) {
                ObjectNode named = MAPPER.createObjectNode().put("type", "function");
                named.putObject("function").put("name", choice);
                return named;
            }
        }
        throw new ConfigError(key + ": expected auto, required, none or the name of a function in the tools file, got \"" + choice + "\"");
    }

    private static ObjectNode responseFormat(String key, String file) {
        JsonNode format = json(key, file);
        if (!format.isObject() || !format.path("schema").isObject()) {
            throw new ConfigError(key + ": " + file + " must be {\"name\": ..., \"schema\": {a JSON schema}}");
        }
        ObjectNode out = MAPPER.createObjectNode().put("type", "json_schema");
        out.set("json_schema", format);
        return out;
    }
}
