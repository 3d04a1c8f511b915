package io.llmload.emulator.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** The parts of an OpenAI completions / chat completions request body the emulator acts on. */
record CompletionRequest(
        boolean chat,
        String model,
        String promptText,
        Integer maxTokens,
        boolean stream,
        boolean includeUsage,
        boolean ignoreEos,
        int minTokens,
        ToolCall toolCall,
        JsonNode responseSchema) {

    /** Whether the answer is constrained to JSON (a tool call, a response schema): it ends where its JSON does. */
    boolean shaped() {
        return toolCall != null || responseSchema != null;
    }

    /** The function a request's {@code tools} and {@code tool_choice} make the model call, and its parameters' schema. */
    record ToolCall(String name, JsonNode parameters) {
    }

    /** Thrown for a body the real servers reject with 400; the message is what they say. */
    static final class Invalid extends Exception {
        final String param;

        Invalid(String message, String param) {
            super(message, null, false, false);
            this.param = param;
        }
    }

    static CompletionRequest parse(JsonNode body, boolean chat) throws Invalid {
        if (body == null || !body.isObject()) throw new Invalid("Request body must be a JSON object", null);
        String model = body.path("model").asText(null);
        String prompt = chat ? chatTemplate(body.get("messages")) : completionPrompt(body.get("prompt"));
        JsonNode maxNode = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        Integer maxTokens = null;
        if (maxNode != null && !maxNode.isNull()) {
            if (!maxNode.canConvertToInt() || maxNode.asInt() < 1) {
                throw new Invalid("max_tokens must be at least 1, got " + maxNode, "max_tokens");
            }
            maxTokens = maxNode.asInt();
        }
        boolean stream = body.path("stream").asBoolean(false);
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        JsonNode minNode = body.get("min_tokens");
        int minTokens = 0;
        if (minNode != null && !minNode.isNull()) {
            // vLLM: "min_tokens must be greater than or equal to 0" and not above max_tokens
            if (!minNode.canConvertToInt() || minNode.asInt() < 0) throw new Invalid("min_tokens must be greater than or equal to 0, got " + minNode, "min_tokens");
            minTokens = minNode.asInt();
            if (maxTokens != null && minTokens > maxTokens) {
                throw new Invalid("min_tokens must be less than or equal to max_tokens=" + maxTokens + ", got " + minTokens, "min_tokens");
            }
        }
        return new CompletionRequest(chat, model, prompt, maxTokens, stream, includeUsage,
                body.path("ignore_eos").asBoolean(false), minTokens, chat ? toolCall(body) : null, responseSchema(body));
    }

    /**
     * The call a model makes given {@code tools}: the function {@code tool_choice} names, else the first
     * declared one ({@code auto} and {@code required} both call here); none for {@code tool_choice: none}.
     */
    private static ToolCall toolCall(JsonNode body) throws Invalid {
        JsonNode tools = body.get("tools");
        if (tools == null || tools.isNull()) return null;
        if (!tools.isArray() || tools.isEmpty()) throw new Invalid("tools must be a non-empty list", "tools");
        JsonNode choice = body.path("tool_choice");
        if ("none".equals(choice.asText())) return null;
        String named = choice.path("function").path("name").asText(null);
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            if (!function.path("name").isTextual()) throw new Invalid("each tool needs a function with a name", "tools");
            if (named == null || named.equals(function.get("name").asText())) {
                return new ToolCall(function.get("name").asText(), function.path("parameters"));
            }
        }
        throw new Invalid("tool_choice names a function that is not in tools: " + named, "tool_choice");
    }

    /** The schema of {@code response_format: {type: json_schema, json_schema: {schema: ...}}}, or null. */
    private static JsonNode responseSchema(JsonNode body) {
        JsonNode format = body.path("response_format");
        if (!"json_schema".equals(format.path("type").asText())) return null;
        JsonNode schema = format.path("json_schema").path("schema");
        return schema.isObject() ? schema : null;
    }

    private static String completionPrompt(JsonNode prompt) throws Invalid {
        if (prompt == null || prompt.isNull()) throw new Invalid("Field required: prompt", "prompt");
        if (prompt.isTextual()) return prompt.asText();
        if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) return prompt.get(0).asText();
        throw new Invalid("prompt must be a string (batched prompts are not emulated)", "prompt");
    }

    /** A ChatML-style template; its marker tokens count as prompt tokens, as on a real server. */
    private static String chatTemplate(JsonNode messages) throws Invalid {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new Invalid("Field required: messages (a non-empty list)", "messages");
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            if (role.isEmpty()) throw new Invalid("Each message needs a role", "messages");
            out.append("<|im_start|>").append(role).append('\n').append(content(message.get("content"))).append("<|im_end|>\n");
        }
        return out.append("<|im_start|>assistant\n").toString();
    }

    private static String content(JsonNode content) throws Invalid {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        if (content.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())) out.append(part.path("text").asText());
            }
            return out.toString();
        }
        throw new Invalid("message content must be a string or a list of parts", "messages");
    }
}
