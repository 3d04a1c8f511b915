package io.llmload.emulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Small helpers for writing JSON text by hand on the hot path (one call per streamed token). */
public final class Json {

    private Json() {
    }

    public static StringBuilder quoted(StringBuilder out, String text) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        return out.append('"');
    }

    public static String quote(String text) {
        return quoted(new StringBuilder(text.length() + 8), text).toString();
    }

    /** An OpenAI-style error body, as vLLM sends it. */
    public static String error(String message, String type, String param, int code) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type)
                + ",\"param\":" + (param == null ? "null" : quote(param)) + ",\"code\":" + code + "}}";
    }
}
