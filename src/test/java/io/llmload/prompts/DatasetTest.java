package io.llmload.prompts;

import com.typesafe.config.ConfigFactory;
import io.llmload.client.openai.ChatMessage;
import io.llmload.config.ConfigError;
import io.llmload.config.DatasetSettings;
import io.llmload.config.Keys;
import io.llmload.config.LengthDistribution;
import io.llmload.config.ServingSettings;
import io.llmload.tokenizer.TokenCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The datasets as the serving benchmark reads them: synthetic lengths, ShareGPT and JSONL files, and their errors. */
class DatasetTest {

    private static final TokenCounter TOKENS = TokenCounter.cl100k();
    private static final String WORDS = "synthetic/words.txt";

    private static DatasetSettings settings(Map<String, Object> overrides) {
        var config = ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.parseResources("llmload.conf")).resolve();
        return ServingSettings.from(new Keys(config.getConfig("serving"), "serving")).dataset();
    }

    private static double mean(int[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double stddev(int[] values) {
        double mean = mean(values);
        return Math.sqrt(Arrays.stream(values).mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
    }

    @Test
    void syntheticPromptLengthsFollowTheConfiguredNormalDistributionCountedByTheTokenizer() {
        Dataset dataset = Dataset.load(settings(Map.of("serving.dataset.max-prompts", 2000)), ServingSettings.WORDS_KEY, WORDS, TOKENS);
        List<DatasetPrompt> prompts = dataset.prompts();
        assertThat(prompts).hasSize(2000);
        int[] lengths = prompts.stream().mapToInt(p -> TOKENS.count(p.text())).toArray();
        assertThat(prompts).allSatisfy(p -> assertThat(p.promptTokens()).isEqualTo(TOKENS.count(p.text())));
        // normal(mean 512, sd 128) within 128..1024: the mean of 2,000 draws is within 3 standard errors (8.6 tokens)
        assertThat(mean(lengths)).isCloseTo(512, within(9.0));
        assertThat(stddev(lengths)).isCloseTo(128, within(128 * 0.06));
        assertThat(Arrays.stream(lengths).min().orElseThrow()).isGreaterThanOrEqualTo(128);
        assertThat(Arrays.stream(lengths).max().orElseThrow()).isLessThanOrEqualTo(1024);
        // the output targets: uniform 64..192, mean 128, sd (192 - 64 + 1) / √12 = 37.2
        int[] outputs = prompts.stream().mapToInt(DatasetPrompt::outputTokens).toArray();
        assertThat(Arrays.stream(outputs).min().orElseThrow()).isEqualTo(64);
        assertThat(Arrays.stream(outputs).max().orElseThrow()).isEqualTo(192);
        assertThat(mean(outputs)).isCloseTo(128, within(2.5));
        assertThat(stddev(outputs)).isCloseTo(37.2, within(2.0));
        DatasetSection section = DatasetSection.of(dataset);
        assertThat(section.promptTokens().mean()).isCloseTo(mean(lengths), within(0.01));
        assertThat(section.markdown()).contains("2000 prompts", "normal(mean 512, sd 128, 128..1024)");
    }

    @Test
    void fixedLengthsWithASharedPrefixAreExactAndBeginAlike() {
        Dataset dataset = Dataset.load(settings(Map.of("serving.dataset.max-prompts", 200,
                "serving.dataset.synthetic.input-tokens.distribution", "fixed", "serving.dataset.synthetic.input-tokens.mean", 300,
                "serving.dataset.synthetic.shared-prefix-tokens", 100)), ServingSettings.WORDS_KEY, WORDS, TOKENS);
        int[] first = TOKENS.encode(dataset.prompts().get(0).text());
        for (DatasetPrompt p : dataset.prompts()) {
            int[] ids = TOKENS.encode(p.text());
            assertThat(ids).hasSize(300);
            assertThat(Arrays.copyOf(ids, 100)).isEqualTo(Arrays.copyOf(first, 100));
        }
        assertThat(dataset.prompts().get(1).text()).isNotEqualTo(dataset.prompts().get(0).text());
    }

    @Test
    void theShippedShareGptSampleGivesEachFirstHumanTurnWithItsReplysLengthAsTarget() {
        Dataset dataset = Dataset.load(settings(Map.of("serving.dataset.kind", "sharegpt", "serving.dataset.file", "datasets/sharegpt-sample.json")),
                ServingSettings.WORDS_KEY, WORDS, TOKENS);
        assertThat(dataset.prompts()).hasSize(24);
        DatasetPrompt first = dataset.prompts().get(0);
        assertThat(first.messages()).containsExactly(ChatMessage.user("How do I pick a batch size for vLLM on a 24 GB card?"));
        assertThat(first.outputTokens()).isEqualTo(TOKENS.count("Start from the model's memory: the weights take a fixed share, and the rest is KV cache. "
                + "With an 8B model in FP16 the weights need about 16 GB, leaving roughly 6 GB for the cache after overheads. Each token of context "
                + "costs a fixed number of bytes per layer, so divide the free memory by that cost to get how many tokens can be resident at once. "
                + "max-num-seqs then only caps how many sequences share them; raising it past what the cache holds just makes requests wait for blocks."));
        // vLLM's limits skip a reply under min-tokens: a limit of 12 drops the one-line answers
        Dataset strict = Dataset.load(settings(Map.of("serving.dataset.kind", "sharegpt", "serving.dataset.file", "datasets/sharegpt-sample.json",
                "serving.dataset.sharegpt.min-tokens", 12)), ServingSettings.WORDS_KEY, WORDS, TOKENS);
        assertThat(strict.prompts()).hasSizeLessThan(24).allSatisfy(p -> assertThat(p.outputTokens()).isGreaterThanOrEqualTo(12));
    }

    @Test
    void theShippedJsonlSampleKeepsMessagesAndEachLinesMaxTokens() {
        Dataset dataset = Dataset.load(settings(Map.of("serving.dataset.kind", "jsonl", "serving.dataset.file", "datasets/prompts-sample.jsonl")),
                ServingSettings.WORDS_KEY, WORDS, TOKENS);
        assertThat(dataset.prompts()).hasSize(8);
        assertThat(dataset.prompts().get(0).outputTokens()).isEqualTo(120);
        assertThat(dataset.prompts().get(3).outputTokens()).as("no max_tokens: the workload's").isZero();
        assertThat(dataset.prompts().get(2).messages()).containsExactly(new ChatMessage("system", "You answer in one sentence."),
                ChatMessage.user("What is a KV cache?"));
    }

    @Test
    void aBadLineOrFileIsOneLineNamingTheFileAndLine(@TempDir Path dir) throws IOException {
        Path jsonl = dir.resolve("bad.jsonl");
        Files.writeString(jsonl, "{\"prompt\": \"fine\"}\n\n{\"text\": \"no prompt\"}\n");
        assertThatThrownBy(() -> Dataset.load(settings(Map.of("serving.dataset.kind", "jsonl", "serving.dataset.file", jsonl.toString())),
                ServingSettings.WORDS_KEY, WORDS, TOKENS)).isInstanceOf(ConfigError.class)
                .hasMessage("serving.dataset.file: " + jsonl + ":3: expected \"prompt\" (a string) or \"messages\" (a non-empty list)");
        Files.writeString(jsonl, "{\"prompt\": \"fine\", \"max_tokens\": 0}\n");
        assertThatThrownBy(() -> Dataset.load(settings(Map.of("serving.dataset.kind", "jsonl", "serving.dataset.file", jsonl.toString())),
                ServingSettings.WORDS_KEY, WORDS, TOKENS)).hasMessage("serving.dataset.file: " + jsonl + ":1: \"max_tokens\" must be an integer >= 1, got 0");
        Path share = dir.resolve("share.json");
        Files.writeString(share, "[{\"conversations\": [{\"from\": \"human\", \"value\": \"hi there you\"}]},\n {\"conversations\": [");
        assertThatThrownBy(() -> Dataset.load(settings(Map.of("serving.dataset.kind", "sharegpt", "serving.dataset.file", share.toString())),
                ServingSettings.WORDS_KEY, WORDS, TOKENS)).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("serving.dataset.file: " + share + ": not valid JSON at line 2");
        assertThatThrownBy(() -> settings(Map.of("serving.dataset.kind", "sharegpt")))
                .hasMessage("serving.dataset.file: a sharegpt dataset needs a file");
        assertThatThrownBy(() -> settings(Map.of("serving.dataset.synthetic.shared-prefix-tokens", 200)))
                .hasMessageStartingWith("serving.dataset.synthetic.shared-prefix-tokens: 200 must be at least 0 and below serving.dataset.synthetic.input-tokens.min (128)");
        assertThatThrownBy(() -> LengthDistribution.from(new Keys(ConfigFactory.parseMap(Map.of("distribution", "normal", "mean", 10,
                "stddev", 0, "min", 1, "max", 20)), "x"))).hasMessageStartingWith("x.stddev: a normal distribution needs stddev >= 1");
    }
}
