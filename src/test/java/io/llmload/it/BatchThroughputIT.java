package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.simulations.BatchThroughputSimulation;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The batch workload on the emulator: its projection table is the arithmetic of its own measured rate. */
class BatchThroughputIT {

    @Test
    void eachProjectionIsTheVolumeAtTheMeasuredRateAgainstTheWindow() throws Exception {
        RunResult run = RunResult.of(BatchThroughputSimulation.class, Map.of("sla.requests", "40", "sla.concurrency", "4",
                "sla.max-tokens", "20", "emulator.decode-step-base", "5ms", "cost.gpu-hour", "2.5", "cost.gpus", "2"));
        assertThat(run.exit()).isZero();
        JsonNode sla = run.section("sla");
        assertThat(sla.get("requests").asLong()).isEqualTo(40);
        // the rate the summary measured at c=4, before rounding for the projection's own field
        double rate = run.level("batch", 4).requestsPerSecond();
        assertThat(sla.get("requests_per_s").asDouble()).isCloseTo(rate, within(0.01));
        double window = 24;
        assertThat(sla.get("projections")).hasSize(4).allSatisfy(p -> {
            double hours = p.get("volume").asLong() / rate / 3600;
            // the summary gives the rate to two decimals (± 0.005 req/s) and hours and margin to two:
            // the projection's own figures are within that rounding of the ones computed here
            double hoursRounding = hours * 0.005 / (rate - 0.005) + 0.005;
            assertThat(p.get("projected_hours").asDouble()).isCloseTo(hours, within(hoursRounding));
            assertThat(p.get("window_hours").asDouble()).isEqualTo(window);
            assertThat(p.get("compliant").asBoolean()).isEqualTo(hours <= window);
            assertThat(p.get("safety_margin_pct").asDouble()).isCloseTo((window - hours) / window * 100, within(hoursRounding / window * 100 + 0.005));
        });
        assertThat(sla.get("basis").asText()).startsWith("projection from a measured ");

        // cost at a fixed price (2 GPUs at 2.5 an hour) from the measured throughput
        JsonNode level = run.section("cost").get("levels").get(0);
        double tokensPerS = run.level("batch", 4).json().get("output_tokens_per_s").asDouble();
        assertThat(level.get("per_million_output_tokens").asDouble()).isCloseTo(5.0 / (tokensPerS * 3600) * 1_000_000, within(0.01));
        assertThat(level.get("per1000_requests").asDouble()).isCloseTo(5.0 / (rate * 3600) * 1_000, within(0.0001));
        assertThat(run.section("cost").get("basis").asText()).startsWith("computed from the measured throughput and the configured price of 2.50 USD");
    }
}
