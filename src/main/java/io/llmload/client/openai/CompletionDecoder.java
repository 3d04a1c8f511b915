package io.llmload.client.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.llmload.client.AnswerDecoder;
import io.llmload.client.ErrorBodies;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI-compatible completion: streamed {@code chat.completion.chunk} /
 * {@code text_completion} events field by field with Jackson's streaming parser, straight from the
 * SSE payload bytes (no JSON tree and no string per chunk: at thousands of chunks a second, the tree
 * and its strings were the injector's largest source of garbage and so of GC pauses in the
 * measurement), or one whole {@code chat.completion} / {@code text_completion} body. Content is
 * {@code delta.content} plus reasoning ({@code reasoning_content}, {@code reasoning}) and tool calls'
 * arguments ({@code delta.tool_calls}, assembled by index) for chat, {@code text} for completions;
 * {@code usage} counts that cannot be true are not taken.
 */
public final class CompletionDecoder implements AnswerDecoder {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectReader TREE = new ObjectMapper().reader();

    private final boolean chat;
    /** The answer proper, and a reasoning model's thinking before it. */
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private String id;
    private String finishReason;
    private int promptTokens = -1;
    private int completionTokens = -1;
    private int reasoningTokens = -1;
    private int cachedPromptTokens = -1;
    private boolean usageRejected;
    private String serverError;
    private int contentChars;
    private int reasoningChars;
    private int toolCallChars;
    /** Tool calls by their index, their argument pieces joined. */
    private final List<ToolCallParts> toolCalls = new ArrayList<>();

    /** A function call of the answer: its id, the function's name and its arguments (a JSON text, if the model wrote one). */
    public record ToolCall(String id, String name, String arguments) {
    }

    private static final class ToolCallParts {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    /** @param chat chat completions ({@code delta.content}) or completions ({@code text}) */
    public CompletionDecoder(boolean chat) {
        this.chat = chat;
    }

    /** Everything generated so far, reasoning, answer and tool calls' arguments: what the output tokens count. */
    public String text() {
        if (reasoning.isEmpty() && toolCalls.isEmpty()) return text.toString();
        StringBuilder all = new StringBuilder(reasoning).append(text);
        for (ToolCallParts call : toolCalls) all.append(call.arguments);
        return all.toString();
    }

    /** Whether the answer holds a tool call. */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    /** The answer's tool calls, in index order (empty: none). */
    public List<ToolCall> toolCalls() {
        List<ToolCall> out = new ArrayList<>();
        for (ToolCallParts c : toolCalls) out.add(new ToolCall(c.id, c.name, c.arguments.toString()));
        return out;
    }

    /** Of the content characters the last event carried, those of tool calls' arguments. */
    @Override
    public int lastEventToolCallChars() {
        return toolCallChars;
    }

    /** The answer proper (without a reasoning model's thinking): what the workload's answer check reads. */
    public String answerText() {
        return text.toString();
    }

    /** The first chunk's (or the body's) {@code id}, or null. */
    public String id() {
        return id;
    }

    public String finishReason() {
        return finishReason;
    }

    /** {@code usage.prompt_tokens}, or -1 when the server sent none that could be true. */
    public int promptTokens() {
        return promptTokens;
    }

    /** {@code usage.completion_tokens}, or -1. */
    public int completionTokens() {
        return completionTokens;
    }

    /** {@code usage.prompt_tokens_details.cached_tokens}: prompt tokens the server's prefix cache served, or -1. */
    public int cachedPromptTokens() {
        return cachedPromptTokens;
    }

    /** {@code usage.completion_tokens_details.reasoning_tokens} (a reasoning model's thinking), or -1. */
    public int reasoningTokens() {
        return reasoningTokens;
    }

    /** Of the characters the last event carried, those of reasoning ({@code reasoning_content}, {@code reasoning}). */
    @Override
    public int lastEventReasoningChars() {
        return reasoningChars;
    }

    /** The server's usage held a count that cannot be true (negative, fractional, beyond an int): it was not taken. */
    public boolean usageRejected() {
        return usageRejected;
    }

    @Override
    public String serverError() {
        return serverError;
    }

    @Override
    public boolean contentRequired() {
        return true;
    }

    @Override
    public int event(byte[] data, int length) throws IOException {
        contentChars = 0;
        reasoningChars = 0;
        toolCallChars = 0;
        boolean error = false;
        try (JsonParser p = FACTORY.createParser(data, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return 0;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> {
                        if (id == null && value == JsonToken.VALUE_STRING) id = p.getText();
                    }
                    case "error" -> {
                        if (value != JsonToken.VALUE_NULL) error = true;
                        p.skipChildren();
                    }
                    case "choices" -> readFirstChoice(p, value);
                    case "usage" -> readUsage(p, value);
                    default -> p.skipChildren();
                }
            }
        }
        if (error && serverError == null) {
            // rare: the chunk already parsed, read it whole for the message
            serverError = ErrorBodies.message(TREE.readTree(data, 0, length));
        }
        return contentChars;
    }

    @Override
    public int body(byte[] data, int length) throws IOException {
        JsonNode json = TREE.readTree(data, 0, length);
        if (json == null || !json.isObject()) throw new IOException("not a JSON object");
        if (json.hasNonNull("error")) {
            serverError = ErrorBodies.message(json);
            return 0;
        }
        id = json.hasNonNull("id") ? json.get("id").asText() : null;
        JsonNode choice = json.path("choices").path(0);
        JsonNode message = choice.path("message");
        JsonNode content = chat ? message.path("content") : choice.path("text");
        int before = text.length() + reasoning.length();
        if (content.isTextual()) text.append(content.asText());
        for (String field : new String[] {"reasoning_content", "reasoning"}) {
            if (chat && message.path(field).isTextual()) reasoning.append(message.path(field).asText());
        }
        for (JsonNode call : message.path("tool_calls")) {
            ToolCallParts parts = new ToolCallParts();
            parts.id = call.path("id").asText(null);
            parts.name = call.path("function").path("name").asText(null);
            JsonNode arguments = call.path("function").path("arguments");
            // vLLM and OpenAI send the arguments as a JSON text; some gateways send the object itself
            if (!arguments.isMissingNode() && !arguments.isNull()) parts.arguments.append(arguments.isTextual() ? arguments.asText() : arguments.toString());
            toolCalls.add(parts);
        }
        int callChars = 0;
        for (ToolCallParts c : toolCalls) callChars += c.arguments.length() + (c.name == null ? 0 : c.name.length());
        if (choice.hasNonNull("finish_reason")) finishReason = choice.get("finish_reason").asText();
        JsonNode usage = json.path("usage");
        if (usage.isObject()) {
            completionTokens = count(usage.get("completion_tokens"));
            promptTokens = count(usage.get("prompt_tokens"));
            reasoningTokens = count(usage.path("completion_tokens_details").get("reasoning_tokens"));
            cachedPromptTokens = count(usage.path("prompt_tokens_details").get("cached_tokens"));
        }
        return text.length() + reasoning.length() - before + callChars;
    }

    private void readFirstChoice(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        JsonToken first = p.nextToken();
        if (first == JsonToken.END_ARRAY) return;
        if (first == JsonToken.START_OBJECT) {
            readChoice(p);
        } else {
            p.skipChildren();
        }
        // other choices (n > 1) are not read
        while (p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null) p.skipChildren();
    }

    private void readChoice(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken member = p.nextToken();
            if (chat && "delta".equals(name) && member == JsonToken.START_OBJECT) {
                readDelta(p);
            } else if (!chat && "text".equals(name) && member == JsonToken.VALUE_STRING) {
                append(p, text);
            } else if ("finish_reason".equals(name) && member == JsonToken.VALUE_STRING) {
                finishReason = p.getText();
            } else {
                p.skipChildren();
            }
        }
    }

    private void readDelta(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken piece = p.nextToken();
            if (piece == JsonToken.VALUE_STRING && "content".equals(field)) {
                append(p, text);
            } else if (piece == JsonToken.VALUE_STRING && ("reasoning_content".equals(field) || "reasoning".equals(field))) {
                reasoningChars += append(p, reasoning);
            } else if (piece == JsonToken.START_ARRAY && "tool_calls".equals(field)) {
                readToolCallDeltas(p);
            } else {
                p.skipChildren();
            }
        }
    }

    /** {@code delta.tool_calls}: each piece of a call, by its index; the first piece names the call, the others add arguments. */
    private void readToolCallDeltas(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int index = 0;
            String id = null;
            String name = null;
            StringBuilder arguments = new StringBuilder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("index".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    index = p.getIntValue();
                } else if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
                    id = p.getText();
                } else if ("function".equals(field) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String part = p.currentName();
                        JsonToken text = p.nextToken();
                        if ("name".equals(part) && text == JsonToken.VALUE_STRING) {
                            // the function's name is generated too: its chunk is the call's first token
                            name = p.getText();
                            contentChars += name.length();
                            toolCallChars += name.length();
                        } else if ("arguments".equals(part) && text == JsonToken.VALUE_STRING) {
                            toolCallChars += append(p, arguments);
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            // an index beyond any sane number of calls is not a call: a hostile index must not grow the list
            if (index < 0 || index > toolCalls.size()) continue;
            if (index == toolCalls.size()) toolCalls.add(new ToolCallParts());
            ToolCallParts call = toolCalls.get(index);
            if (id != null) call.id = id;
            if (name != null) call.name = name;
            call.arguments.append(arguments);
        }
    }

    private int append(JsonParser p, StringBuilder into) throws IOException {
        int n = p.getTextLength();
        into.append(p.getTextCharacters(), p.getTextOffset(), n);
        contentChars += n;
        return n;
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
                int n = count(p, number);
                if (n >= 0) completionTokens = n;
            } else if ("prompt_tokens".equals(name)) {
                int n = count(p, number);
                if (n >= 0) promptTokens = n;
            } else if ("completion_tokens_details".equals(name) && number == JsonToken.START_OBJECT) {
                reasoningTokens = detail(p, "reasoning_tokens", reasoningTokens);
            } else if ("prompt_tokens_details".equals(name) && number == JsonToken.START_OBJECT) {
                cachedPromptTokens = detail(p, "cached_tokens", cachedPromptTokens);
            } else {
                p.skipChildren();
            }
        }
    }

    /** The count {@code field} of a usage details object ({@code completion_tokens_details}, {@code prompt_tokens_details}), else {@code current}. */
    private int detail(JsonParser p, String field, int current) throws IOException {
        int out = current;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken number = p.nextToken();
            if (field.equals(name)) {
                int n = count(p, number);
                if (n >= 0) out = n;
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    /** A streamed token count, or -1 (and {@link #usageRejected}) when the value cannot be one. */
    private int count(JsonParser p, JsonToken number) throws IOException {
        if (number == JsonToken.VALUE_NULL) return -1;
        if (number == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 0) {
            return p.getIntValue();
        }
        usageRejected = true;
        p.skipChildren();
        return -1;
    }

    /** A whole body's token count, or -1; a count that cannot be true is rejected and noted. */
    private int count(JsonNode value) {
        if (value == null || value.isNull()) return -1;
        if (value.isInt() && value.intValue() >= 0) return value.intValue();
        usageRejected = true;
        return -1;
    }
}
