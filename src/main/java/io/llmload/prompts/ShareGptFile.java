package io.llmload.prompts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.openai.ChatMessage;
import io.llmload.config.ConfigError;
import io.llmload.config.DatasetSettings;
import io.llmload.tokenizer.TokenCounter;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A ShareGPT-format file, as vLLM's and GuideLLM's benchmarks read it: a JSON array of
 * {@code {"conversations": [{"from": "human", "value": ...}, {"from": "gpt", "value": ...}, ...]}}.
 * The first human turn is the prompt; the length of the reply after it, counted by the tokenizer, is
 * the output target. Conversations outside vLLM's limits (a prompt or reply under
 * {@code min-tokens}, a prompt over {@code max-prompt-tokens}, both over {@code max-total-tokens})
 * are skipped. The file is streamed: the public ShareGPT file is ~650 MB; reading stops after
 * {@code max-prompts} usable conversations.
 */
final class ShareGptFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShareGptFile() {
    }

    static List<DatasetPrompt> read(DatasetSettings settings, TokenCounter tokens) {
        String where = settings.fileKey() + ": " + settings.file();
        List<DatasetPrompt> out = entries(settings.fileKey(), settings.file(), settings.maxPrompts(),
                (entry, line) -> usable(entry, settings.shareGpt(), tokens, where + " (line " + line + ")"));
        if (out.isEmpty()) {
            throw new ConfigError(where + " has no usable conversation (a human turn answered by a gpt turn, within "
                    + settings.fileKey().replace("file", "sharegpt.*") + ")");
        }
        return out;
    }

    /** The first {@code turns} human turns of each conversation that has at least that many, up to {@code max} conversations. */
    static List<List<String>> humanTurns(String key, String file, int turns, int max) {
        List<List<String>> out = entries(key, file, max, (entry, line) -> {
            List<String> human = new ArrayList<>();
            for (JsonNode turn : entry.path("conversations")) {
                if ("human".equals(turn.path("from").asText()) && human.size() < turns) human.add(turn.path("value").asText(""));
            }
            return human.size() == turns ? List.copyOf(human) : null;
        });
        if (out.isEmpty()) throw new ConfigError(key + ": " + file + " has no conversation with " + turns + " human turns (conversation.turns)");
        return out;
    }

    /** What {@code usable} makes of each entry of the file's array (null: skipped, with its line), up to {@code max}; streamed. */
    private static <T> List<T> entries(String key, String file, int max, BiFunction<JsonNode, Integer, T> usable) {
        String where = key + ": " + file;
        List<T> out = new ArrayList<>();
        try (InputStream in = FeederFiles.open(key, file); JsonParser parser = new JsonFactory(MAPPER).createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new ConfigError(where + " is not a ShareGPT file: expected a JSON array of {\"conversations\": [...]}");
            }
            while (out.size() < max && parser.nextToken() == JsonToken.START_OBJECT) {
                int line = parser.currentLocation().getLineNr();
                JsonNode entry = parser.readValueAsTree();
                T item = usable.apply(entry, line);
                if (item != null) out.add(item);
            }
        } catch (JsonProcessingException e) {
            throw new ConfigError(where + ": not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigError(where + ": cannot read: " + e.getMessage());
        }
        return out;
    }

    private static DatasetPrompt usable(JsonNode entry, DatasetSettings.ShareGpt limits, TokenCounter tokens, String where) {
        JsonNode turns = entry.get("conversations");
        if (turns == null || !turns.isArray()) throw new ConfigError(where + ": an entry without a \"conversations\" array");
        for (int i = 0; i + 1 < turns.size(); i++) {
            if (!"human".equals(turns.get(i).path("from").asText()) || !"gpt".equals(turns.get(i + 1).path("from").asText())) continue;
            String prompt = turns.get(i).path("value").asText("");
            int promptTokens = tokens.count(prompt);
            int replyTokens = tokens.count(turns.get(i + 1).path("value").asText(""));
            boolean inLimits = promptTokens >= limits.minTokens() && replyTokens >= limits.minTokens()
                    && promptTokens <= limits.maxPromptTokens() && promptTokens + replyTokens <= limits.maxTotalTokens();
            return inLimits ? new DatasetPrompt(List.of(ChatMessage.user(prompt)), replyTokens, promptTokens) : null;
        }
        return null;
    }
}
