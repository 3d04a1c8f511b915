package io.llmload.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Pulls the human message out of the error bodies real servers send: OpenAI/vLLM
 * {@code {"error":{"message":..}}}, older vLLM {@code {"message":..}}, TGI
 * {@code {"error":"..","error_type":..}}, FastAPI {@code {"detail":..}}, or plain text.
 */
public final class ErrorBodies {

    static final int MAX_MESSAGE = 300;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorBodies() {
    }

    public static String message(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode json = MAPPER.readTree(body);
            return clip(message(json));
        } catch (Exception e) {
            return clip(body.strip());
        }
    }

    static String message(JsonNode json) {
        JsonNode error = json.get("error");
        if (error != null && error.isObject() && error.hasNonNull("message")) return error.get("message").asText();
        if (error != null && error.isTextual()) return error.asText();
        if (json.hasNonNull("message")) return json.get("message").asText();
        if (json.has("detail")) return json.get("detail").isTextual() ? json.get("detail").asText() : json.get("detail").toString();
        return json.toString();
    }

    public static String clip(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
    }
}
