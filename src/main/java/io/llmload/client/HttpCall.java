package io.llmload.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request of an exchange, as a protocol builds it: method, absolute URI, headers, body,
 * whether its answer streams (Server-Sent Events), and the decoder that reads that answer. A call
 * is sent once (or once more on a fresh connection, when a kept-alive one turned out closed).
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, boolean streamed,
                       AnswerDecoder decoder) {

    public static final String JSON = "application/json";
    public static final String EVENT_STREAM = "text/event-stream";

    public HttpCall {
        headers = Map.copyOf(headers);
    }

    /** A POST of a JSON body; {@code apiKey} (null or empty = none) goes as a Bearer token. */
    public static HttpCall postJson(URI uri, String json, boolean streamed, String apiKey, AnswerDecoder decoder) {
        return post(uri, JSON, json.getBytes(StandardCharsets.UTF_8), streamed, apiKey, decoder);
    }

    /** A POST of any body (a multipart form, say). */
    public static HttpCall post(URI uri, String contentType, byte[] body, boolean streamed, String apiKey, AnswerDecoder decoder) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Accept", streamed ? EVENT_STREAM : JSON);
        headers.putAll(bearer(apiKey));
        return new HttpCall("POST", uri, headers, body, streamed, decoder);
    }

    /** A GET whose whole answer is read. */
    public static HttpCall get(URI uri, String apiKey, AnswerDecoder decoder) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", JSON);
        headers.putAll(bearer(apiKey));
        return new HttpCall("GET", uri, headers, new byte[0], false, decoder);
    }

    /** The {@code Authorization: Bearer} header of {@code apiKey}, or none when it is null or empty. */
    public static Map<String, String> bearer(String apiKey) {
        return apiKey == null || apiKey.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    }

    /** Never prints the headers: they may carry a key. */
    @Override
    public String toString() {
        return "HttpCall[" + method + " " + uri + (streamed ? ", streamed" : "") + "]";
    }
}
