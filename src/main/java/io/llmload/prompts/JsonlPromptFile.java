package io.llmload.prompts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.openai.ChatMessage;
import io.llmload.config.ConfigError;
import io.llmload.config.DatasetSettings;
import io.llmload.tokenizer.TokenCounter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSONL prompt file: one JSON object a line, {@code {"prompt": "..."}} or
 * {@code {"messages": [{"role": "system"|"user"|"assistant", "content": "..."}, ...]}}, with an optional
 * {@code "max_tokens"} (the output target of that prompt). Blank lines are skipped; anything else is
 * a one-line error naming the file and line.
 */
final class JsonlPromptFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonlPromptFile() {
    }

    static List<DatasetPrompt> read(DatasetSettings settings, TokenCounter tokens) {
        List<DatasetPrompt> out = new ArrayList<>();
        String file = settings.file();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(FeederFiles.open(settings.fileKey(), file), StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = lines.readLine(); line != null && out.size() < settings.maxPrompts(); line = lines.readLine()) {
                number++;
                if (line.isBlank()) continue;
                out.add(parse(line, settings.fileKey() + ": " + file + ":" + number, tokens));
            }
        } catch (IOException e) {
            throw new ConfigError(settings.fileKey() + ": cannot read " + file + ": " + e.getMessage());
        }
        if (out.isEmpty()) throw new ConfigError(settings.fileKey() + ": " + file + " has no prompts (one JSON object a line)");
        return out;
    }

    static DatasetPrompt parse(String line, String where, TokenCounter tokens) {
        JsonNode json;
        try {
            json = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ConfigError(where + ": not a JSON object: " + e.getOriginalMessage());
        }
        if (!json.isObject()) throw new ConfigError(where + ": not a JSON object");
        List<ChatMessage> messages = new ArrayList<>();
        if (json.path("prompt").isTextual()) {
            messages.add(ChatMessage.user(json.get("prompt").asText()));
        } else if (json.path("messages").isArray() && !json.get("messages").isEmpty()) {
            for (JsonNode m : json.get("messages")) {
                if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
                    throw new ConfigError(where + ": each message needs a \"role\" and a text \"content\"");
                }
                messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
            }
        } else {
            throw new ConfigError(where + ": expected \"prompt\" (a string) or \"messages\" (a non-empty list)");
        }
        int maxTokens = 0;
        if (json.has("max_tokens")) {
            JsonNode max = json.get("max_tokens");
            if (!max.canConvertToInt() || !max.isIntegralNumber() || max.asInt() < 1) {
                throw new ConfigError(where + ": \"max_tokens\" must be an integer >= 1, got " + max);
            }
            maxTokens = max.asInt();
        }
        int promptTokens = 0;
        for (ChatMessage m : messages) promptTokens += tokens.count(m.content());
        return new DatasetPrompt(List.copyOf(messages), maxTokens, promptTokens);
    }
}
