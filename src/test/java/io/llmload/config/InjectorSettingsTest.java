package io.llmload.config;

import com.typesafe.config.ConfigFactory;
import io.llmload.prompts.NewsPrompts;
import io.llmload.prompts.PromptList;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a scaled-out test is split: users, requests, rates and prompts, and the errors before any load. */
class InjectorSettingsTest {

    private static final String START = "2026-12-02T03:00:00Z";

    private static InjectorSettings injector(int count, int index) {
        return InjectorSettings.from(LlmloadConfig.load(ConfigFactory.parseMap(Map.of("injector.count", count, "injector.index", index,
                "injector.start-at", START))).section("injector"));
    }

    @Test
    void oneInjectorRunsEverythingAndStartsAtOnce() {
        InjectorSettings single = InjectorSettings.from(LlmloadConfig.load(ConfigFactory.empty()).section("injector"));
        assertThat(single.scaledOut()).isFalse();
        assertThat(single.startAt()).isNull();
        assertThat(single.share(10)).isEqualTo(10);
        assertThat(single.share(30.0)).isEqualTo(30.0);
    }

    @Test
    void levelsSplitEvenlyWithTheRemainderOnTheLowestIndexesAndAddUpForEveryLevel() {
        assertThat(IntStream.range(0, 3).map(i -> injector(3, i).share(10)).toArray()).containsExactly(4, 3, 3);
        assertThat(IntStream.range(0, 3).map(i -> injector(3, i).share(1)).toArray()).containsExactly(1, 0, 0);
        for (int count = 1; count <= 7; count++) {
            for (int level : List.of(1, 2, 5, 10, 25, 50, 100, 2000)) {
                int c = count;
                int total = IntStream.range(0, count).map(i -> injector(c, i).share(level)).sum();
                assertThat(total).as("level %d over %d injectors", level, count).isEqualTo(level);
                int max = IntStream.range(0, count).map(i -> injector(c, i).share(level)).max().orElseThrow();
                int min = IntStream.range(0, count).map(i -> injector(c, i).share(level)).min().orElseThrow();
                assertThat(max - min).isLessThanOrEqualTo(1);
            }
        }
        assertThat(injector(3, 2).share(30.0)).isEqualTo(10.0);
        assertThat(injector(3, 1).startAt()).isEqualTo(Instant.parse(START));
        assertThat(injector(3, 1).id()).isEqualTo("injector-1");
    }

    @Test
    void promptDecksAreCutIntoDisjointSlicesThatTogetherAreTheWholeDeck(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("prompts.txt");
        Files.writeString(file, String.join("\n", IntStream.range(0, 30).mapToObj(i -> "prompt " + i).toList()));
        PromptList prompts = PromptList.load("x.prompts", file.toString());
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            var feeder = prompts.feeder(injector(3, i));
            for (int n = 0; n < 10; n++) assertThat(seen.add(feeder.next().get(PromptList.PROMPT_ATTRIBUTE))).isTrue();
        }
        assertThat(seen).hasSize(30);

        // news prompts: each injector draws its own items of the shuffled deck; together, each item once per pass
        NewsSettings news = NewsSettings.from(LlmloadConfig.load(ConfigFactory.empty()).section("news"));
        NewsPrompts whole = NewsPrompts.load(news);
        List<String> single = new ArrayList<>();
        for (int n = 0; n < 30; n++) single.add(whole.next());
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NewsPrompts slice = NewsPrompts.load(news);
            List<String> part = new ArrayList<>();
            for (int n = 0; n < 10; n++) part.add(slice.next(injector(3, i)));
            parts.add(part);
        }
        // the same 90 draws of the deck as one injector's 30 prompts, dealt out: the same items, none twice
        List<String> items = new ArrayList<>();
        List<String> sliced = new ArrayList<>();
        for (String p : single) items.addAll(itemLines(p));
        for (List<String> part : parts) for (String p : part) sliced.addAll(itemLines(p));
        assertThat(sliced).hasSize(90).containsExactlyInAnyOrderElementsOf(items);
        assertThat(new HashSet<>(itemLines(parts.get(0).get(0)))).doesNotContainAnyElementsOf(itemLines(parts.get(1).get(0)));
    }

    /** The news items of a prompt (one "Item n: headline" line each). */
    private static List<String> itemLines(String prompt) {
        return prompt.lines().filter(l -> l.startsWith("Item ")).map(l -> l.substring(l.indexOf(':') + 2)).toList();
    }

    @Test
    void badInjectorKeysStopTheRunNamingTheKey() {
        assertThatThrownBy(() -> injector(0, 0)).hasMessageStartingWith("injector.count: expected an integer >= 1, got 0");
        assertThatThrownBy(() -> injector(3, 3)).hasMessageStartingWith("injector.index: expected 0 .. 2 (injector.count is 3), got 3");
        assertThatThrownBy(() -> InjectorSettings.from(LlmloadConfig.load(ConfigFactory.parseMap(Map.of("injector.count", 2))).section("injector")))
                .hasMessageStartingWith("injector.start-at: required when injector.count > 1");
        assertThatThrownBy(() -> InjectorSettings.from(LlmloadConfig.load(ConfigFactory.parseMap(Map.of("injector.count", 2,
                "injector.start-at", "tomorrow"))).section("injector")))
                .hasMessage("injector.start-at: expected an ISO-8601 UTC instant such as 2026-12-02T03:00:00Z, got 'tomorrow'");
        assertThatThrownBy(() -> InjectorSettings.from(LlmloadConfig.load(ConfigFactory.parseMap(Map.of("injector.level-start-spread", "-1s")))
                .section("injector"))).hasMessageStartingWith("injector.level-start-spread");
    }

    @Test
    void aClosedLevelsUsersStartSpreadOverOneSecondUnlessTold() {
        assertThat(InjectorSettings.from(LlmloadConfig.load(ConfigFactory.empty()).section("injector")).levelStartSpread())
                .isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(InjectorSettings.from(LlmloadConfig.load(ConfigFactory.parseMap(Map.of("injector.level-start-spread", "0s")))
                .section("injector")).levelStartSpread()).isZero();
    }
}
