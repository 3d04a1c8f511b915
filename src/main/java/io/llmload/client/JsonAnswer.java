package io.llmload.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;

/**
 * A whole JSON body, kept as a tree for the protocol to judge (embeddings, transcriptions, job
 * status). With {@code errorMember}, a non-null {@code error} member is the server's error.
 */
public class JsonAnswer implements AnswerDecoder {

    private static final ObjectReader JSON = new ObjectMapper().reader();

    private final boolean errorMember;
    private JsonNode json;
    private String serverError;

    public JsonAnswer(boolean errorMember) {
        this.errorMember = errorMember;
    }

    /** The body, or null when none was read (a failed call). */
    public JsonNode json() {
        return json;
    }

    @Override
    public int event(byte[] data, int length) throws IOException {
        throw new IOException("a JSON answer does not stream");
    }

    @Override
    public int body(byte[] data, int length) throws IOException {
        JsonNode parsed = JSON.readTree(data, 0, length);
        if (parsed == null || parsed.isMissingNode()) throw new IOException("an empty body");
        json = parsed;
        if (errorMember && json.hasNonNull("error")) serverError = ErrorBodies.message(json);
        return length;
    }

    @Override
    public String serverError() {
        return serverError;
    }
}
