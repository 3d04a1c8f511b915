package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.simulations.NewsCategorizationSimulation;
import io.llmload.sink.InfluxServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regression gate on real runs against the emulator: a night whose engine is made 25 % slower
 * (every decode step and every prompt token) is flagged against a pinned baseline run; nights with
 * identical settings are not.
 */
class RegressionIT {

    private static Map<String, String> night(double slowdown, String baseline) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "news.levels", "4", "news.slo-level", "4", "news.hold-time", "5s", "news.max-tokens", "20",
                "news.validate-json-answer", "false", "emulator.decode-step-base", Math.round(4000 * slowdown) + "us",
                "emulator.prefill-per-token", Math.round(40 * slowdown) + "us", "regression.baseline", baseline));
        return keys;
    }

    private static JsonNode verdict(RunResult run, String rule) {
        for (JsonNode r : run.section("regression").get("rules")) if (r.get("name").asText().equals(rule)) return r;
        throw new AssertionError("no regression rule " + rule);
    }

    @Test
    void aNightTwentyFivePercentSlowerIsFlaggedAndIdenticalNightsAreNot() throws Exception {
        RunResult baseline = RunResult.of(NewsCategorizationSimulation.class, night(1.0, ""));
        assertThat(baseline.exit()).isZero();
        String pinned = baseline.reportDirectory().resolve("llm-summary.json").toString();

        RunResult slower = RunResult.of(NewsCategorizationSimulation.class, night(1.25, pinned));
        JsonNode latency = verdict(slower, "latency-p95");
        assertThat(latency.get("verdict").asText()).isEqualTo("REGRESSED");
        assertThat(latency.get("change_pct").asDouble()).isBetween(15.0, 35.0);
        assertThat(slower.exit()).as("a regression fails the run like an SLO breach").isEqualTo(2);
        assertThat(slower.console()).contains("FAIL  REGRESSION latency-p95 regressed: latency p95 at c=4 may grow by at most 10 %");
        String junit = Files.readString(Path.of("target/llmload/slo-results/TEST-llmload-regression-NewsCategorizationSimulation.xml"));
        assertThat(junit).contains("<failure message=\"REGRESSION latency-p95 regressed");
        assertThat(slower.file("llm-summary.md")).contains("## Regression against the baseline", "| latency-p95 |", "**REGRESSED**");

        for (int night = 0; night < 3; night++) {
            RunResult same = RunResult.of(NewsCategorizationSimulation.class, night(1.0, pinned));
            assertThat(same.section("regression").get("rules")).as("night %s", night)
                    .allSatisfy(r -> assertThat(r.get("verdict").asText()).isIn("OK", "IMPROVED"));
            assertThat(same.exit()).isZero();
        }
    }

    /** The baseline "influx": the median of the last passing nights of the same simulation and target, from the real influxd. */
    @Test
    void theMedianOfThePassingNightsInInfluxDbIsTheBaseline() throws Exception {
        try (InfluxServer influx = InfluxServer.start()) {
            Map<String, String> sink = Map.of("influx.enabled", "true", "influx.url", influx.url(), "influx.flush-interval", "200ms");
            for (int night = 1; night <= 3; night++) {
                Map<String, String> keys = new HashMap<>(night(1.0, ""));
                keys.putAll(sink);
                keys.put("influx.run-id", "nightly-" + night);
                assertThat(RunResult.of(NewsCategorizationSimulation.class, keys).exit()).isZero();
            }
            Map<String, String> tonight = new HashMap<>(night(1.25, "influx"));
            tonight.putAll(sink);
            tonight.put("influx.run-id", "nightly-4");
            tonight.put("regression.nights", "2");
            RunResult slower = RunResult.of(NewsCategorizationSimulation.class, tonight);
            assertThat(slower.section("regression").get("baseline").asText())
                    .startsWith("median of the last 2 passing nights of NewsCategorizationSimulation against embedded in InfluxDB")
                    .endsWith("(nightly-3, nightly-2)");
            JsonNode latency = verdict(slower, "latency-p95");
            assertThat(latency.get("verdict").asText()).isEqualTo("REGRESSED");
            assertThat(latency.get("note").asText()).isEqualTo("(median of 2 nights)");
            assertThat(latency.get("change_pct").asDouble()).isBetween(15.0, 35.0);
            assertThat(verdict(slower, "success-rate").get("verdict").asText()).isEqualTo("OK");
        }
    }
}
