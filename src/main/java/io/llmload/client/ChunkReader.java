package io.llmload.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads one streamed chunk ({@code chat.completion.chunk} or {@code text_completion}) field by
 * field with Jackson's streaming parser, straight from the SSE payload bytes: no JSON tree and no
 * string per chunk for the content, which goes into the caller's answer text. At thousands of
 * chunks a second, the tree and its strings were the injector's largest source of garbage and so
 * of GC pauses in the measurement. One reader per stream; its fields describe the last chunk read.
 */
final class ChunkReader {

    private static final JsonFactory JSON = new JsonFactory();

    /** The chunk's {@code id}, read only when asked for (the first chunk of a stream). */
    String id;
    String finishReason;
    int promptTokens;
    int completionTokens;
    /** Content characters this chunk appended (content plus reasoning_content). */
    int contentChars;
    /** A non-null {@code error} member: the chunk is an in-stream error event. */
    boolean error;
    /** The chunk's usage had a count that cannot be true (negative, fractional, beyond an int): it was not taken. */
    boolean usageRejected;

    /**
     * @throws IOException when the payload is not JSON
     */
    void read(byte[] bytes, int length, boolean chat, boolean wantId, StringBuilder text) throws IOException {
        id = null;
        finishReason = null;
        promptTokens = -1;
        completionTokens = -1;
        contentChars = 0;
        error = false;
        usageRejected = false;
        try (JsonParser p = JSON.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> {
                        if (wantId && value == JsonToken.VALUE_STRING) id = p.getText();
                    }
                    case "error" -> {
                        if (value != JsonToken.VALUE_NULL) error = true;
                        p.skipChildren();
                    }
                    case "choices" -> readFirstChoice(p, value, chat, text);
                    case "usage" -> readUsage(p, value);
                    default -> p.skipChildren();
                }
            }
        }
    }

    private void readFirstChoice(JsonParser p, JsonToken value, boolean chat, StringBuilder text) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        JsonToken first = p.nextToken();
        if (first == JsonToken.END_ARRAY) return;
        if (first == JsonToken.START_OBJECT) {
            readChoice(p, chat, text);
        } else {
            p.skipChildren();
        }
        // other choices (n > 1) are not read
        while (p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null) p.skipChildren();
    }

    private void readChoice(JsonParser p, boolean chat, StringBuilder text) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken member = p.nextToken();
            if (chat && "delta".equals(name) && member == JsonToken.START_OBJECT) {
                readDelta(p, text);
            } else if (!chat && "text".equals(name) && member == JsonToken.VALUE_STRING) {
                append(p, text);
            } else if ("finish_reason".equals(name) && member == JsonToken.VALUE_STRING) {
                finishReason = p.getText();
            } else {
                p.skipChildren();
            }
        }
    }

    private void readDelta(JsonParser p, StringBuilder text) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken piece = p.nextToken();
            if (piece == JsonToken.VALUE_STRING && ("content".equals(field) || "reasoning_content".equals(field))) {
                append(p, text);
            } else {
                p.skipChildren();
            }
        }
    }

    private void append(JsonParser p, StringBuilder text) throws IOException {
        int n = p.getTextLength();
        text.append(p.getTextCharacters(), p.getTextOffset(), n);
        contentChars += n;
    }

    private void readUsage(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken number = p.nextToken();
            if ("completion_tokens".equals(name)) {
                completionTokens = count(p, number);
            } else if ("prompt_tokens".equals(name)) {
                promptTokens = count(p, number);
            } else {
                p.skipChildren();
            }
        }
    }

    /** A token count, or -1 (and {@link #usageRejected}) when the value cannot be one. */
    private int count(JsonParser p, JsonToken number) throws IOException {
        if (number == JsonToken.VALUE_NULL) return -1;
        if (number == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 0) {
            return p.getIntValue();
        }
        usageRejected = true;
        p.skipChildren();
        return -1;
    }
}
