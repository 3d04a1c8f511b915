package io.llmload.config;

import com.typesafe.config.ConfigFactory;
import io.llmload.metrics.SloSpec;
import io.llmload.prompts.NewsPrompts;
import io.llmload.prompts.PromptList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmloadConfigTest {

    private static LlmloadConfig load(Map<String, String> overrides) {
        return LlmloadConfig.load(ConfigFactory.parseMap(overrides));
    }

    @Test
    void defaultsDescribeTheNewsWorkloadOfTheReport() {
        LlmloadConfig config = load(Map.of());
        NewsSettings news = NewsSettings.from(config.section("news"));
        TargetSettings target = TargetSettings.from(config.section("target"));
        assertThat(news.levels()).containsExactly(1, 5, 10, 25, 50, 100);
        assertThat(news.maxTokens()).isEqualTo(200);
        assertThat(news.temperature()).isEqualTo(0.3);
        assertThat(target.embedded()).isTrue();
        assertThat(target.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void overridesWinAndListsAcceptCommaSeparatedValues() {
        LlmloadConfig config = load(Map.of("news.levels", "2,4", "news.slo-level", "4", "news.hold-time", "3s", "target.base-url", "http://127.0.0.1:8000"));
        NewsSettings news = NewsSettings.from(config.section("news"));
        assertThat(news.levels()).containsExactly(2, 4);
        assertThat(news.holdTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(TargetSettings.from(config.section("target")).embedded()).isFalse();
    }

    @Test
    void severalBaseUrlsAModelMixAndTheLoadModelAreReadOrRefusedInOneLine() {
        TargetSettings target = TargetSettings.from(load(Map.of("target.base-url", "http://127.0.0.1:8000, http://127.0.0.1:8001",
                "target.balance", "least-outstanding", "target.models", "base:3,sql-lora")).section("target"));
        assertThat(target.baseUrls()).containsExactly("http://127.0.0.1:8000", "http://127.0.0.1:8001");
        assertThat(target.baseUrl()).isEqualTo("http://127.0.0.1:8000");
        assertThat(target.balance()).isEqualTo(TargetSettings.Balance.LEAST_OUTSTANDING);
        assertThat(target.models()).containsExactly(new TargetSettings.WeightedModel("base", 3), new TargetSettings.WeightedModel("sql-lora", 1));
        assertThatThrownBy(() -> TargetSettings.from(load(Map.of("target.base-url", "embedded,http://127.0.0.1:8000")).section("target")))
                .hasMessage("target.base-url: \"embedded\" goes alone (several embedded servers: emulator.instances)");
        assertThatThrownBy(() -> TargetSettings.from(load(Map.of("target.base-url", "http://127.0.0.1:8000,localhost")).section("target")))
                .hasMessage("target.base-url: expected \"embedded\" or an http(s) URL such as http://127.0.0.1:8000, got \"localhost\"");
        assertThatThrownBy(() -> TargetSettings.from(load(Map.of("target.models", "base:heavy")).section("target")))
                .hasMessage("target.models: expected name:weight such as sql-lora:2, got weight \"heavy\"");
        // user-named keys: an emulator's LoRA adapters, a capacity criterion written like an SLO
        assertThat(load(Map.of("emulator.adapters.sql-lora", "40ms", "capacity.criterion.min", "90")).raw()
                .getDuration("emulator.adapters.sql-lora")).isEqualTo(Duration.ofMillis(40));
        assertThatThrownBy(() -> NewsSettings.from(load(Map.of("news.load.model", "wave")).section("news")))
                .hasMessage("news.load.model: expected one of closed, poisson, gamma, sweep, got \"wave\"");
        assertThatThrownBy(() -> NewsSettings.from(load(Map.of("news.load.rates", "2,0")).section("news")))
                .hasMessage("news.load.rates: expected numbers > 0, got 0.0");
    }

    @Test
    void aMistypedKeyIsRejectedWithASuggestion() {
        assertThatThrownBy(() -> load(Map.of("news.hold-tme", "3s")))
                .isInstanceOf(ConfigError.class)
                .hasMessage("unknown key 'news.hold-tme' (from system properties); did you mean 'news.hold-time'?");
    }

    @Test
    void keysOutsideLlmloadSectionsAreIgnored() {
        assertThat(load(Map.of("java.io.tmpdir", "/tmp", "gatling.simulationClass", "x"))).isNotNull();
    }

    @Test
    void aWrongTypeNamesTheKeyAndTheValue() {
        LlmloadConfig config = load(Map.of("news.hold-time", "soon"));
        assertThatThrownBy(() -> NewsSettings.from(config.section("news")))
                .isInstanceOf(ConfigError.class)
                .hasMessage("news.hold-time: expected a duration such as 30s or 250ms, got \"soon\"");
    }

    @Test
    void aBadLevelListNamesTheKey() {
        LlmloadConfig config = load(Map.of("news.levels", "1,x"));
        assertThatThrownBy(() -> NewsSettings.from(config.section("news")))
                .hasMessageStartingWith("news.levels: expected a list of integers");
        LlmloadConfig zero = load(Map.of("news.levels", "0,5", "news.slo-level", "5"));
        assertThatThrownBy(() -> NewsSettings.from(zero.section("news"))).hasMessage("news.levels: expected integers >= 1, got 0");
    }

    @Test
    void aBadBaseUrlIsRejected() {
        LlmloadConfig config = load(Map.of("target.base-url", "localhost:8000"));
        assertThatThrownBy(() -> TargetSettings.from(config.section("target")))
                .hasMessageStartingWith("target.base-url: expected \"embedded\" or an http(s) URL");
    }

    @Test
    void anUnknownChoiceListsTheAllowedValues() {
        LlmloadConfig config = load(Map.of("news.api", "responses"));
        assertThatThrownBy(() -> NewsSettings.from(config.section("news")))
                .hasMessage("news.api: expected one of chat, completions, got \"responses\"");
    }

    @Test
    void aMissingFeederFileNamesTheKeyAndTheFile() {
        LlmloadConfig config = load(Map.of("news.feeder.items", "news/no-such-file.json"));
        NewsSettings news = NewsSettings.from(config.section("news"));
        assertThatThrownBy(() -> NewsPrompts.load(news))
                .isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("news.feeder.items: feeder file 'news/no-such-file.json' not found");
    }

    @Test
    void aBrokenFeederFileNamesTheLine(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("items.json");
        Files.writeString(broken, "[\n {\"id\": \"a\", \"topic\": \"t\",\n  \"headline\": \"h\" \"body\": \"b\"}\n]\n");
        LlmloadConfig config = load(Map.of("news.feeder.items", broken.toString()));
        NewsSettings news = NewsSettings.from(config.section("news"));
        assertThatThrownBy(() -> NewsPrompts.load(news))
                .hasMessageStartingWith("news.feeder.items: '" + broken + "' line 3: invalid JSON");
    }

    @Test
    void aUserFileOverlaysTheDefaultsAndIsChecked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my.conf");
        Files.writeString(file, "news { levels = [3] }\n");
        LlmloadConfig config = load(Map.of(LlmloadConfig.USER_FILE_PROPERTY, file.toString()));
        assertThat(NewsSettings.from(config.section("news")).levels()).isEqualTo(List.of(3));

        Files.writeString(file, "news { level = [3] }\n");
        assertThatThrownBy(() -> load(Map.of(LlmloadConfig.USER_FILE_PROPERTY, file.toString())))
                .hasMessage("unknown key 'news.level' (from " + file + "); did you mean 'news.levels'?");
    }

    @Test
    void anSloWithAnUnknownFieldIsRejected() {
        LlmloadConfig config = load(Map.of("slo.news.success-rate.minimum", "90"));
        assertThatThrownBy(() -> SloSpec.parseAll(config.section("slo.news")))
                .hasMessage("slo.news.success-rate.minimum: unknown SLO field; expected one of metric, percentile, level, min-level, max-level, max, min, request, status, enabled");
    }

    @Test
    void aPortOutOfRangeStopsTheRunBeforeLoad() {
        LlmloadConfig config = load(Map.of("target.base-url", "http://127.0.0.1:99999"));
        assertThatThrownBy(() -> TargetSettings.from(config.section("target")))
                .isInstanceOf(ConfigError.class)
                .hasMessage("target.base-url: port 99999 is out of range (1-65535) in \"http://127.0.0.1:99999\"");
    }

    @Test
    void aBadDurationIsEchoedAsTyped() {
        LlmloadConfig config = load(Map.of("news.hold-time", "-5s"));
        assertThatThrownBy(() -> NewsSettings.from(config.section("news")))
                .hasMessage("news.hold-time: expected a duration > 0, got \"-5s\"");
        LlmloadConfig tiny = load(Map.of("target.request-timeout", "1ns"));
        assertThatThrownBy(() -> TargetSettings.from(tiny.section("target")))
                .hasMessage("target.request-timeout: expected a duration of at least 1ms, got \"1ns\"");
    }

    @Test
    void anEmptyRequestNameIsRefused() {
        LlmloadConfig config = load(Map.of("news.request-name", " "));
        assertThatThrownBy(() -> NewsSettings.from(config.section("news")))
                .hasMessage("news.request-name: expected a non-empty string, got \" \"");
    }

    @Test
    void readLimitsAreSizes() {
        TargetSettings target = TargetSettings.from(load(Map.of()).section("target"));
        assertThat(target.maxEventBytes()).isEqualTo(1 << 20);
        assertThat(target.maxBodyBytes()).isEqualTo(8 << 20);
        LlmloadConfig bad = load(Map.of("target.max-event-size", "lots"));
        assertThatThrownBy(() -> TargetSettings.from(bad.section("target")))
                .hasMessage("target.max-event-size: expected a size such as 1MiB or 65536, got \"lots\"");
    }

    @Test
    void aMissingAbsoluteFeederPathIsNamedOnce(@TempDir Path dir) {
        String missing = dir.resolve("nope.txt").toString();
        assertThatThrownBy(() -> PromptList.load("runpod.prompts", missing))
                .hasMessage("runpod.prompts: feeder file '" + missing + "' not found");
    }
}
