package io.llmload.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the human message out of the error bodies real servers send: OpenAI/vLLM
 * {@code {"error":{"message":..}}}, older vLLM {@code {"message":..}}, TGI
 * {@code {"error":"..","error_type":..}}, FastAPI {@code {"detail":..}}, or plain text.
 */
public final class ErrorBodies {

    static final int MAX_MESSAGE = 300;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TITLE =
            Pattern.compile("<title[^>]*>([^<]{0,200})</title>", Pattern.CASE_INSENSITIVE);

    private ErrorBodies() {
    }

    public static String message(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode json = MAPPER.readTree(body);
            return clip(message(json));
        } catch (Exception e) {
            return clip(html(body.strip()));
        }
    }

    /** An HTML page (a proxy's 502, a login page) is named by its title, not pasted whole. */
    private static String html(String body) {
        if (!body.regionMatches(true, 0, "<!doctype html", 0, 14) && !body.regionMatches(true, 0, "<html", 0, 5)) return body;
        Matcher title = TITLE.matcher(body);
        if (title.find()) return "HTML page \"" + title.group(1).strip() + "\"";
        String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "HTML page" : "HTML page: " + text;
    }

    public static String message(JsonNode json) {
        JsonNode error = json.get("error");
        if (error != null && error.isObject() && error.hasNonNull("message")) return error.get("message").asText();
        if (error != null && error.isTextual()) return error.asText();
        if (json.hasNonNull("message")) return json.get("message").asText();
        if (json.has("detail")) return json.get("detail").isTextual() ? json.get("detail").asText() : json.get("detail").toString();
        return json.toString();
    }

    /**
     * Server text made safe for a one-line reason: line breaks and tabs become spaces, other control
     * characters (escape sequences, NUL, C1 controls) become U+FFFD, and the result is clipped.
     */
    public static String clip(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_MESSAGE + 1));
        for (int i = 0; i < text.length() && out.length() <= MAX_MESSAGE; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        String clean = out.toString().strip();
        return clean.length() <= MAX_MESSAGE ? clean : clean.substring(0, MAX_MESSAGE) + "…";
    }
}
