package io.llmload.config;

/** The {@code serving { ... }} workload: a dataset's prompts under a closed or open load model, as vLLM's bench serve and GuideLLM run them. */
public record ServingSettings(ApiStyle api, boolean stream, boolean includeUsage, double temperature, int maxTokens,
                              OutputLengthControl outputLength, String requestName, String wordsFile, DatasetSettings dataset,
                              LoadSettings load, String toolsFile, String toolChoice, String responseFormatFile) {

    public static final String WORDS_KEY = "serving.dataset.synthetic.words";

    public static ServingSettings from(Keys serving) {
        return new ServingSettings(
                serving.choice("api", ApiStyle.class),
                serving.bool("stream"),
                serving.bool("include-usage"),
                serving.number("temperature"),
                serving.positiveInt("max-tokens"),
                serving.choice("output-length", OutputLengthControl.class),
                serving.nonBlank("request-name"),
                serving.nonBlank("dataset.synthetic.words"),
                DatasetSettings.from(serving.section("dataset")),
                LoadSettings.from(serving),
                serving.string("tools.file").trim(),
                serving.nonBlank("tools.choice"),
                serving.string("response-format.file").trim());
    }
}
