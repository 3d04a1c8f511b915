package io.llmload.prompts;

import com.typesafe.config.ConfigFactory;
import io.llmload.config.LlmloadConfig;
import io.llmload.config.NewsSettings;
import io.llmload.tokenizer.TokenCounter;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NewsPromptsTest {

    private final NewsSettings news = NewsSettings.from(LlmloadConfig.load(ConfigFactory.empty()).section("news"));
    private final TokenCounter tokens = TokenCounter.cl100k();

    @Test
    void theFeederHasAtLeast200DistinctItemsOfVariedTopicsAndLengths() {
        var items = NewsPrompts.parseItems("items.json", FeederFiles.read("news.feeder.items", news.itemsFile()));
        assertThat(items).hasSizeGreaterThanOrEqualTo(200);
        assertThat(items.stream().map(NewsPrompts.NewsItem::body).distinct().count()).isEqualTo(items.size());
        assertThat(items.stream().map(NewsPrompts.NewsItem::topic).distinct().count()).isGreaterThanOrEqualTo(10);
        IntSummaryStatistics lengths = items.stream().mapToInt(i -> tokens.count(i.headline() + "\n" + i.body())).summaryStatistics();
        assertThat(lengths.getMin()).isLessThan(100);
        assertThat(lengths.getMax()).isGreaterThan(200);
    }

    @Test
    void promptsAreAbout1100TokensWithA550TokenSharedPrefix() {
        NewsPrompts prompts = NewsPrompts.load(news);
        int categories = tokens.count(FeederFiles.read("k", news.categoriesFile()).strip());
        int instructions = tokens.count(FeederFiles.read("k", news.instructionsFile()).strip());
        assertThat(categories).isBetween(500, 600);
        assertThat(instructions).isBetween(80, 130);
        IntSummaryStatistics sizes = new IntSummaryStatistics();
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String prompt = prompts.next();
            distinct.add(prompt);
            sizes.accept(tokens.count(prompt));
        }
        assertThat(distinct).hasSize(300);
        assertThat(sizes.getAverage()).isBetween(1000.0, 1200.0);
        assertThat(sizes.getMin()).isGreaterThan(850);
        assertThat(sizes.getMax()).isLessThan(1400);
    }

    @Test
    void eachPromptHasTheNumberedItemsAndEndsWithTheInstructions() {
        String prompt = NewsPrompts.load(news).next();
        assertThat(prompt).startsWith("You are a news desk assistant.");
        assertThat(prompt).contains("\nItem 1: ", "\nItem 2: ", "\nItem 3: ").doesNotContain("Item 4:");
        assertThat(prompt).endsWith("If you are unsure, still answer with valid JSON.");
    }
}
