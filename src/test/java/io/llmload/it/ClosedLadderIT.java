package io.llmload.it;

import io.llmload.bench.StreamingBenchmarkSimulation;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A closed level's users loop: c Gatling users hold the level, each sending its next request as
 * soon as its last one ended, until the hold has passed, so the level's achieved concurrency stays
 * near c and its window near the hold.
 */
class ClosedLadderIT {

    private static final int USERS = 8;

    @Test
    void eightUsersHoldTheLevelForItsHoldSendingOneRequestAfterAnother() {
        RunResult run = RunResult.of(StreamingBenchmarkSimulation.class, Map.of(
                "emulator.decode-step-base", "20ms",
                "emulator.decode-step-per-sequence", "0ms",
                "emulator.prefill-per-token", "0us",
                "benchmark.streams", String.valueOf(USERS),
                "benchmark.stream", "false",
                "benchmark.max-tokens", "1",
                "benchmark.hold-time", "3s",
                // all at once: with the default 1 s spread the level averages 4.5 users over its first second
                "injector.level-start-spread", "0s"));
        assertThat(run.exit()).as(run.console()).isZero();

        // 8 users sent many requests each: one 20 ms engine step (or two, waiting for the next) per request
        RunResult.Level level = run.level("stream", USERS);
        assertThat(level.requests()).isGreaterThan(USERS * 20L);
        assertThat(level.windowSeconds()).isBetween(2.5, 4.0);
        // and were in flight nearly all the time: the gap between a user's requests is the client's own work
        assertThat(level.achievedConcurrency()).isGreaterThan(USERS * 0.85);
    }
}
