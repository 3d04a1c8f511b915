package io.llmload.config;

/**
 * Where a workload's prompts come from ({@code <workload>.dataset}): a ShareGPT file (the first
 * human turn is the prompt, the reply's length the output target), a JSONL prompt file, or synthetic
 * prompts whose input and output token lengths are drawn from distributions.
 */
public record DatasetSettings(Kind kind, String fileKey, String file, long seed, int maxPrompts, ShareGpt shareGpt,
                              Synthetic synthetic) {

    public enum Kind { SYNTHETIC, SHAREGPT, JSONL }

    /** vLLM's ShareGPT sampling limits: conversations outside them are skipped. */
    public record ShareGpt(int minTokens, int maxPromptTokens, int maxTotalTokens) {
    }

    /** {@code sharedPrefixTokens}: the first tokens of every prompt are the same (a prefix cache's case); counted in the input length. */
    public record Synthetic(LengthDistribution input, LengthDistribution output, int sharedPrefixTokens) {
    }

    public static DatasetSettings from(Keys dataset) {
        Kind kind = dataset.choice("kind", Kind.class);
        String file = dataset.string("file").trim();
        if (kind != Kind.SYNTHETIC && file.isEmpty()) {
            throw new ConfigError(dataset.key("file") + ": a " + kind.name().toLowerCase() + " dataset needs a file");
        }
        Keys shareGpt = dataset.section("sharegpt");
        Keys synthetic = dataset.section("synthetic");
        LengthDistribution input = LengthDistribution.from(synthetic.section("input-tokens"));
        int prefix = synthetic.integer("shared-prefix-tokens");
        if (prefix < 0 || (kind == Kind.SYNTHETIC && prefix >= input.min())) {
            throw new ConfigError(synthetic.key("shared-prefix-tokens") + ": " + prefix + " must be at least 0 and below "
                    + synthetic.key("input-tokens.min") + " (" + input.min() + "): the prefix is part of every prompt");
        }
        return new DatasetSettings(kind, dataset.key("file"), file, dataset.integer("seed"), dataset.positiveInt("max-prompts"),
                new ShareGpt(shareGpt.positiveInt("min-tokens"), shareGpt.positiveInt("max-prompt-tokens"),
                        shareGpt.positiveInt("max-total-tokens")),
                new Synthetic(input, LengthDistribution.from(synthetic.section("output-tokens")), prefix));
    }
}
