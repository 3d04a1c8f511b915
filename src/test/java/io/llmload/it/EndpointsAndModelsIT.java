package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.EmulatorFixture;
import io.llmload.emulator.LlmEndpointEmulator;
import io.llmload.emulator.RequestTrace;
import io.llmload.simulations.ServingBenchmarkSimulation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.llmload.it.InProcessGatling.median;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One target served from several emulator instances, and a mix of served models (a LoRA adapter):
 * requests split as the balance says, per-endpoint and per-model statistics add up to the total, and
 * the adapter's extra latency shows in its own TTFT.
 */
class EndpointsAndModelsIT {

    private static Map<String, String> run(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "serving.output-length", "ignore-eos", "serving.levels", "6", "serving.hold-time", "3s",
                "serving.warm-up.requests-per-user", "0", "target.model", EmulatorFixture.MODEL,
                "serving.dataset.synthetic.output-tokens.distribution", "fixed", "serving.dataset.synthetic.output-tokens.mean", "8",
                "serving.dataset.synthetic.output-tokens.min", "8", "serving.dataset.synthetic.output-tokens.max", "8"));
        keys.putAll(extra);
        return keys;
    }

    private static List<LlmEndpointEmulator> emulators(String... decodeSteps) {
        List<LlmEndpointEmulator> out = new ArrayList<>();
        for (String step : decodeSteps) {
            out.add(EmulatorFixture.start(Map.of("decode-step-base", step, "decode-step-per-sequence", "0ms", "prefill-per-token", "1us")));
        }
        return out;
    }

    private static String urls(List<LlmEndpointEmulator> emulators) {
        return String.join(",", emulators.stream().map(LlmEndpointEmulator::baseUrl).toList());
    }

    @Test
    void roundRobinOverThreeInstancesSplitsEvenlyAndTheEndpointsAddUpToTheTotal() throws Exception {
        List<LlmEndpointEmulator> three = emulators("2ms", "2ms", "2ms");
        try {
            RunResult run = RunResult.of(ServingBenchmarkSimulation.class, run(Map.of("target.base-url", urls(three))));
            assertThat(run.exit()).as(run.console()).isZero();
            List<Integer> served = three.stream().map(e -> e.groundTruth().all().size()).toList();
            int total = served.stream().mapToInt(Integer::intValue).sum();
            System.out.printf("round-robin: %s requests over three instances%n", served);
            assertThat(total).isEqualTo(run.requests().size()).isGreaterThan(100);
            // in turn: no instance more than one request ahead of another
            assertThat(served.stream().mapToInt(Integer::intValue).max().orElseThrow()
                    - served.stream().mapToInt(Integer::intValue).min().orElseThrow()).isLessThanOrEqualTo(1);
            JsonNode byEndpoint = run.summary().get("by_endpoint");
            assertThat(byEndpoint).hasSize(3);
            long sum = 0;
            for (int i = 0; i < 3; i++) {
                JsonNode row = byEndpoint.get(i);
                int at = three.stream().map(LlmEndpointEmulator::baseUrl).toList().indexOf(row.get("level").asText());
                assertThat(row.get("requests").asLong()).isEqualTo(served.get(at).longValue());
                sum += row.get("requests").asLong();
            }
            assertThat(sum).isEqualTo(run.overall("generate").requests());
            assertThat(run.file("llm-summary.md")).contains("### `generate` by endpoint");
        } finally {
            three.forEach(LlmEndpointEmulator::close);
        }
    }

    @Test
    void leastOutstandingSendsFewerRequestsToASlowerInstance() throws Exception {
        List<LlmEndpointEmulator> three = emulators("20ms", "2ms", "2ms");
        try {
            RunResult run = RunResult.of(ServingBenchmarkSimulation.class, run(Map.of("target.base-url", urls(three),
                    "target.balance", "least-outstanding")));
            assertThat(run.exit()).as(run.console()).isZero();
            List<Integer> served = three.stream().map(e -> e.groundTruth().all().size()).toList();
            System.out.printf("least-outstanding: %s requests (the first instance ten times slower)%n", served);
            assertThat(served.get(0) * 3).isLessThan(Math.min(served.get(1), served.get(2)));
        } finally {
            three.forEach(LlmEndpointEmulator::close);
        }
    }

    @Test
    void aWeightedMixOfModelsSplitsByWeightAndTheAdaptersLatencyShowsInItsTtft() throws Exception {
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of("decode-step-base", "2ms", "decode-step-per-sequence", "0ms",
                "prefill-per-token", "1us", "adapters.sql-lora", "40ms"))) {
            RunResult run = RunResult.of(ServingBenchmarkSimulation.class, run(Map.of("target.base-url", emulator.baseUrl(),
                    "target.models", EmulatorFixture.MODEL + ":3,sql-lora:1")));
            assertThat(run.exit()).as(run.console()).isZero();
            Map<String, List<Double>> ttft = new HashMap<>();
            for (JsonNode r : run.requests()) {
                String model = r.get("model").asText();
                ttft.computeIfAbsent(model, k -> new ArrayList<>()).add(r.get("ttft_ms").asDouble());
                RequestTrace t = emulator.groundTruth().find(r.get("id").asText()).orElseThrow();
                // the adapter's requests waited 40 ms before the engine took them: the server's own first token comes later
                if (model.equals("sql-lora")) assertThat((t.firstTokenWriteStartNanos() - t.arrivalNanos()) / 1e6).as("%s", t).isGreaterThanOrEqualTo(40.0);
            }
            int base = ttft.get(EmulatorFixture.MODEL).size();
            int lora = ttft.get("sql-lora").size();
            System.out.printf("models: %d base, %d sql-lora; TTFT p50 %.1f vs %.1f ms%n", base, lora,
                    median(ttft.get(EmulatorFixture.MODEL)), median(ttft.get("sql-lora")));
            // weights 3:1 drawn per request: within 3 standard errors of the share
            double share = (double) lora / (base + lora);
            assertThat(share).isCloseTo(0.25, within(3 * Math.sqrt(0.25 * 0.75 / (base + lora))));
            assertThat(median(ttft.get("sql-lora")) - median(ttft.get(EmulatorFixture.MODEL))).isCloseTo(40.0, within(10.0));
            JsonNode byModel = run.summary().get("by_model");
            assertThat(byModel).extracting(l -> l.get("level").asText()).containsExactly("sql-lora", EmulatorFixture.MODEL);
            assertThat(byModel.get(0).get("requests").asLong() + byModel.get(1).get("requests").asLong())
                    .isEqualTo(run.overall("generate").requests());
        }
    }

    @Test
    void theEmbeddedTargetStartsAsManyInstancesAsAskedAndSpreadsOverThem() throws Exception {
        RunResult run = RunResult.of(ServingBenchmarkSimulation.class, run(Map.of("emulator.instances", "2", "serving.hold-time", "2s",
                "target.model", "emulated-model")));
        assertThat(run.exit()).as(run.console()).isZero();
        JsonNode byEndpoint = run.summary().get("by_endpoint");
        assertThat(byEndpoint).hasSize(2);
        assertThat(byEndpoint.get(0).get("level").asText()).isNotEqualTo(byEndpoint.get(1).get("level").asText());
        assertThat(run.console()).containsPattern("-> embedded emulator at http://127.0.0.1:\\d+, http://127.0.0.1:\\d+ \\(round-robin\\)");
    }
}
