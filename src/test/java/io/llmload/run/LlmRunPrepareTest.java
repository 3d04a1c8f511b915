package io.llmload.run;

import com.typesafe.config.ConfigFactory;
import io.llmload.config.ConfigError;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.LlmloadConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a run refuses before any load. */
class LlmRunPrepareTest {

    private static LlmRun news(Map<String, String> overrides, List<Integer> levels) {
        return LlmRun.prepare(LlmloadConfig.load(ConfigFactory.parseMap(overrides)),
                RunPlan.of("NewsCategorizationSimulation", "news", GoodputCriteria.NONE, "categorise", levels));
    }

    /** A soak at c=2 with the SLOs pinned to c=10 used to report "no request ran at c=10" as a breach every night. */
    @Test
    void anSloPinnedToALevelTheRunDoesNotIncludeIsAConfigError() {
        assertThatThrownBy(() -> news(Map.of("news.levels", "2"), List.of(2)))
                .isInstanceOf(ConfigError.class)
                .hasMessageMatching("slo\\.news\\.[a-z0-9-]+-at-10\\.level: c=10 is not one of this run's levels \\[2\\]; pin it to one of them or leave the level out");
    }

    @Test
    void theNewsSlosFollowSloLevel() {
        LlmRun run = news(Map.of("news.levels", "2", "news.slo-level", "2"), List.of(2));
        assertThat(run.slos()).filteredOn(s -> s.atLevel()).extracting(s -> s.level()).containsOnly(2).hasSize(4);
    }

    @Test
    void searchedLevelsAreNotCheckedBeforeTheRun() {
        LlmRun run = LlmRun.prepare(LlmloadConfig.load(ConfigFactory.parseMap(Map.of())),
                RunPlan.searching("CapacitySearchSimulation", "news", GoodputCriteria.NONE, "categorise", List::of));
        assertThat(run.slos()).isNotEmpty();
    }
}
