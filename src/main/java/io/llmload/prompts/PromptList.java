package io.llmload.prompts;

import io.llmload.config.ConfigError;
import io.llmload.config.InjectorSettings;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A feeder file of one prompt per line ({@code #} comments and blank lines skipped), fed round-robin. */
public final class PromptList {

    public static final String PROMPT_ATTRIBUTE = "prompt";

    private final List<String> prompts;

    PromptList(List<String> prompts) {
        this.prompts = prompts;
    }

    /** @param key the configuration key naming the file, for error messages */
    public static PromptList load(String key, String file) {
        List<String> prompts = new ArrayList<>();
        for (String line : FeederFiles.read(key, file).split("\n")) {
            String prompt = line.strip();
            if (!prompt.isEmpty() && !prompt.startsWith("#")) prompts.add(prompt);
        }
        if (prompts.isEmpty()) throw new ConfigError(key + ": feeder file '" + file + "' has no prompts (one a line)");
        return new PromptList(prompts);
    }

    /** The n-th prompt, round-robin. */
    public String get(long n) {
        return prompts.get((int) (n % prompts.size()));
    }

    public int size() {
        return prompts.size();
    }

    /** A Gatling feeder: every prompt in turn, endlessly. */
    public Iterator<Map<String, Object>> feeder() {
        return feeder(InjectorSettings.SINGLE);
    }

    /** This injector's slice: prompts index, index + count ... (round-robin), disjoint from the other injectors'. */
    public Iterator<Map<String, Object>> feeder(InjectorSettings injector) {
        return EndlessFeeder.of(injector, n -> Map.of(PROMPT_ATTRIBUTE, get(n)));
    }
}
