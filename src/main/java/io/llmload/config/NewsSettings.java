package io.llmload.config;

import java.time.Duration;
import java.util.List;

/** The {@code news { ... }} workload section. */
public record NewsSettings(ApiStyle api, boolean stream, boolean includeUsage, List<Integer> levels, Duration holdTime,
                           int maxTokens, double temperature, int itemsPerPrompt, boolean validateJsonAnswer,
                           String requestName, String categoriesFile, String instructionsFile, String itemsFile,
                           GoodputCriteria goodput, LoadSettings load) {

    public static NewsSettings from(Keys news) {
        Keys goodput = news.section("goodput");
        return new NewsSettings(
                news.choice("api", ApiStyle.class),
                news.bool("stream"),
                news.bool("include-usage"),
                news.positiveIntList("levels"),
                news.positiveDuration("hold-time"),
                news.positiveInt("max-tokens"),
                news.number("temperature"),
                news.positiveInt("items-per-prompt"),
                news.bool("validate-json-answer"),
                news.nonBlank("request-name"),
                news.string("feeder.categories"),
                news.string("feeder.instructions"),
                news.string("feeder.items"),
                new GoodputCriteria(goodput.duration("e2e-max"), goodput.duration("ttft-max"), goodput.duration("tpot-max")),
                LoadSettings.from(news));
    }
}
