package io.llmload.prompts;

import io.llmload.config.DatasetSettings;
import io.llmload.config.InjectorSettings;
import io.llmload.tokenizer.TokenCounter;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A workload's prompts from a dataset ({@link DatasetSettings}), fed round-robin: each record puts
 * the prompt's messages in {@link #MESSAGES_ATTRIBUTE} and its output target (0: the workload's) in
 * {@link #OUTPUT_TOKENS_ATTRIBUTE}.
 */
public final class Dataset {

    public static final String MESSAGES_ATTRIBUTE = "llmload.messages";
    public static final String OUTPUT_TOKENS_ATTRIBUTE = "llmload.outputTokens";

    private final DatasetSettings settings;
    private final List<DatasetPrompt> prompts;

    private Dataset(DatasetSettings settings, List<DatasetPrompt> prompts) {
        this.settings = settings;
        this.prompts = prompts;
    }

    /** @param wordsKey the key of the synthetic prompts' words file, {@code wordsFile} its value */
    public static Dataset load(DatasetSettings settings, String wordsKey, String wordsFile, TokenCounter tokens) {
        return new Dataset(settings, switch (settings.kind()) {
            case SYNTHETIC -> SyntheticPrompts.generate(settings, wordsKey, wordsFile, tokens);
            case SHAREGPT -> ShareGptFile.read(settings, tokens);
            case JSONL -> JsonlPromptFile.read(settings, tokens);
        });
    }

    public List<DatasetPrompt> prompts() {
        return prompts;
    }

    public DatasetSettings settings() {
        return settings;
    }

    /** This injector's slice of the deck, round-robin, disjoint from the other injectors'. */
    public Iterator<Map<String, Object>> feeder(InjectorSettings injector) {
        return EndlessFeeder.of(injector, n -> {
            DatasetPrompt p = prompts.get((int) (n % prompts.size()));
            return Map.of(MESSAGES_ATTRIBUTE, p.messages(), OUTPUT_TOKENS_ATTRIBUTE, p.outputTokens());
        });
    }
}
