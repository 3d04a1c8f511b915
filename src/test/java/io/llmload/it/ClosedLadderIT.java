package io.llmload.it;

import io.llmload.bench.StreamingBenchmarkSimulation;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A closed level's users loop: c Gatling users hold the level, each sending its next request as
 * soon as its last one ended, until the hold has passed (not one new Gatling user per request).
 */
class ClosedLadderIT {

    private static final int USERS = 8;
    private static final Pattern DONE = Pattern.compile("---- benchmark c=" + USERS + " -+[^=]*?done:\\s+([\\d,]+)");

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

        // Gatling's console: the level's scenario ended with exactly its 8 users done
        Matcher done = DONE.matcher(run.console());
        String lastDone = null;
        while (done.find()) lastDone = done.group(1);
        assertThat(lastDone).as(run.console()).isEqualTo(String.valueOf(USERS));

        // ... which sent many requests each: one 20 ms engine step (or two, waiting for the next) per request
        RunResult.Level level = run.level("stream", USERS);
        assertThat(level.requests()).isGreaterThan(USERS * 20L);
        assertThat(level.windowSeconds()).isBetween(2.5, 4.0);
        // and were in flight nearly all the time: the gap between a user's requests is the client's own work
        assertThat(level.achievedConcurrency()).isGreaterThan(USERS * 0.85);
    }
}
