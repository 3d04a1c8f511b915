package io.llmload.prompts;

import io.llmload.client.openai.ChatMessage;
import io.llmload.config.ConfigError;
import io.llmload.config.DatasetSettings;
import io.llmload.tokenizer.TokenCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Prompts of a drawn length, as vLLM's random dataset and GuideLLM's synthetic data make them: words
 * of the words file that are one token each (alone and after a space), so a prompt of n words is n
 * tokens; the first {@code shared-prefix-tokens} words are the same in every prompt. Each prompt's
 * length is then counted again by the tokenizer, and that count is what the run reports.
 */
final class SyntheticPrompts {

    private SyntheticPrompts() {
    }

    static List<DatasetPrompt> generate(DatasetSettings settings, String wordsKey, String wordsFile, TokenCounter tokens) {
        List<String> words = oneTokenWords(wordsKey, wordsFile, tokens);
        Random random = new Random(settings.seed());
        DatasetSettings.Synthetic synthetic = settings.synthetic();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < synthetic.sharedPrefixTokens(); i++) append(prefix, words.get(random.nextInt(words.size())));
        List<DatasetPrompt> out = new ArrayList<>(settings.maxPrompts());
        for (int p = 0; p < settings.maxPrompts(); p++) {
            int length = synthetic.input().draw(random);
            int output = synthetic.output().draw(random);
            StringBuilder text = new StringBuilder(prefix);
            for (int i = synthetic.sharedPrefixTokens(); i < length; i++) append(text, words.get(random.nextInt(words.size())));
            String prompt = text.toString();
            out.add(new DatasetPrompt(List.of(ChatMessage.user(prompt)), output, tokens.count(prompt)));
        }
        return out;
    }

    private static void append(StringBuilder text, String word) {
        if (!text.isEmpty()) text.append(' ');
        text.append(word);
    }

    /** The words of the file (whitespace-separated, {@code #} lines skipped) that the tokenizer keeps as one token, alone and after a space. */
    static List<String> oneTokenWords(String key, String file, TokenCounter tokens) {
        List<String> out = new ArrayList<>();
        for (String line : FeederFiles.read(key, file).split("\n")) {
            if (line.strip().startsWith("#")) continue;
            for (String word : line.strip().split("\\s+")) {
                if (!word.isEmpty() && tokens.count(word) == 1 && tokens.count(" " + word) == 1 && !out.contains(word)) out.add(word);
            }
        }
        if (out.size() < 2) throw new ConfigError(key + ": '" + file + "' has fewer than 2 words that are one token each");
        return out;
    }
}
