package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.simulations.CapacitySearchSimulation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capacity search against an engine model whose P95 crossing is known: no prefill, no base
 * step cost, 200 output tokens, {@value #PER_SEQUENCE_US} µs per running sequence per step. At
 * concurrency c a request takes 200 steps of c × p, plus at most one step waiting to be admitted
 * (and two at the edges of a cycle): between 199·p·c and 202·p·c.
 */
class CapacitySearchIT {

    private static final double PER_SEQUENCE_US = 471.3;
    private static final int OUTPUT_TOKENS = 200;
    private static final double TARGET_MS = 1200;

    @Test
    void findsTheConcurrencyWhereTheModelCrossesTheTargetAndStopsAfterTheFailingSteps() throws Exception {
        double p = PER_SEQUENCE_US / 1000.0;
        int expected = (int) Math.floor(TARGET_MS / ((OUTPUT_TOKENS + 2) * p));
        assertThat((OUTPUT_TOKENS - 1) * p * (expected + 1)).as("the set-up leaves no doubt about c+1").isGreaterThan(TARGET_MS);
        assertThat(expected).isEqualTo(12);

        RunResult run = RunResult.of(CapacitySearchSimulation.class, Map.ofEntries(
                Map.entry("capacity.start", "10"), Map.entry("capacity.step", "5"), Map.entry("capacity.max", "40"),
                Map.entry("capacity.hold-time", "5s"), Map.entry("capacity.p95-target", (long) TARGET_MS + "ms"),
                Map.entry("capacity.failing-steps", "2"), Map.entry("capacity.repeats", "1"),
                Map.entry("capacity.stream", "false"), Map.entry("capacity.max-tokens", String.valueOf(OUTPUT_TOKENS)),
                Map.entry("capacity.metrics-interval", "500ms"),
                Map.entry("emulator.decode-step-base", "0ms"), Map.entry("emulator.decode-step-per-sequence", (long) (PER_SEQUENCE_US * 1000) + "ns"),
                Map.entry("emulator.prefill-per-token", "0ms"), Map.entry("emulator.prefix-cache-block-tokens", "0"),
                Map.entry("emulator.answer-tokens-mean", "400")));
        JsonNode capacity = run.section("capacity");
        assertThat(capacity.get("capacity_per_repeat")).extracting(JsonNode::asInt).containsExactly(expected);
        List<JsonNode> steps = new ArrayList<>();
        capacity.get("steps").forEach(steps::add);
        assertThat(steps).extracting(s -> s.get("concurrency").asInt()).containsExactly(10, 15, 20, 11, 12, 13);
        assertThat(steps).extracting(s -> s.get("passed").asBoolean()).containsExactly(true, false, false, true, true, false);
        assertThat(steps).extracting(s -> s.get("refinement").asBoolean()).containsExactly(false, false, false, true, true, true);
        JsonNode server = steps.get(1).get("server");
        assertThat(server.get("vllm_running_max").asDouble()).as("vLLM's running requests, scraped during c=15").isBetween(10.0, 15.0);
        assertThat(server.get("vllm_running_mean").asDouble()).isLessThanOrEqualTo(15.0);
        assertThat(server.has("vllm_waiting_mean") && server.has("vllm_kv_cache_usage_max")).isTrue();

        Path html = run.reportDirectory().resolve("capacity-search.html");
        assertThat(run.reportDirectory().resolve("capacity-search.json")).exists();
        assertThat(Files.readString(run.reportDirectory().resolve("capacity-search.md"))).contains("Repeat 1: **12**");
        String dom = headlessChromium(html);
        assertThat(dom).as("the page loaded and its three chart images decoded").contains("data-charts-loaded=\"3\"");
        assertThat(dom).contains("id=\"chart-p95\"", "id=\"chart-throughput\"", "id=\"chart-distribution\"");
    }

    /**
     * Over request rates, against a server that serves one request at a time (max-num-seqs 1) for 20 ms
     * each (10 tokens, 2 ms a step): a queue that keeps up below 50 req/s and falls behind above it.
     * Near-constant arrivals (burstiness 100): 10 and 40 req/s pass a 400 ms P95, 70 and 100 fall
     * seconds behind; each step sends its rate.
     */
    @Test
    void searchesOverRequestRatesWithTheCriterionAndSendsEachStepsRate() throws Exception {
        RunResult run = RunResult.of(CapacitySearchSimulation.class, Map.ofEntries(
                Map.entry("capacity.search-over", "rate"), Map.entry("capacity.rate.burstiness", "100"),
                Map.entry("capacity.start", "10"), Map.entry("capacity.step", "30"), Map.entry("capacity.max", "100"),
                Map.entry("capacity.hold-time", "4s"), Map.entry("capacity.criterion.max", "400ms"),
                Map.entry("capacity.failing-steps", "2"), Map.entry("capacity.repeats", "1"), Map.entry("capacity.refine", "false"),
                Map.entry("capacity.max-tokens", "10"), Map.entry("capacity.prometheus-url", ""),
                Map.entry("emulator.max-num-seqs", "1"), Map.entry("emulator.decode-step-base", "2ms"),
                Map.entry("emulator.decode-step-per-sequence", "0ms"), Map.entry("emulator.prefill-per-token", "0ms"),
                Map.entry("emulator.prefix-cache-block-tokens", "0"), Map.entry("emulator.answer-tokens-mean", "400")));
        JsonNode capacity = run.section("capacity");
        List<JsonNode> steps = new ArrayList<>();
        capacity.get("steps").forEach(steps::add);
        System.out.printf("rate search: %s%n", steps.stream().map(s -> s.get("concurrency").asInt() + " req/s "
                + s.get("requests").asInt() + " requests p95 " + s.get("p95_ms").asDouble() + " ms").toList());
        assertThat(steps).extracting(s -> s.get("concurrency").asInt()).containsExactly(10, 40, 70, 100);
        assertThat(steps).extracting(s -> s.get("passed").asBoolean()).containsExactly(true, true, false, false);
        assertThat(steps.get(2).get("failed_by").asText()).isEqualTo("latency p95");
        assertThat(capacity.get("capacity_per_repeat")).extracting(JsonNode::asInt).containsExactly(40);
        for (JsonNode step : steps) {
            int rate = step.get("concurrency").asInt();
            assertThat(step.get("requests").asDouble()).as("step at %d req/s sends its rate for 4 s", rate).isCloseTo(rate * 4.0,
                    org.assertj.core.api.Assertions.within(rate * 4.0 * 0.05 + 1));
        }
        assertThat(run.level("categorise r1", 40).json().get("level").asText()).isEqualTo("40 req/s");
        assertThat(Files.readString(run.reportDirectory().resolve("capacity-search.md")))
                .contains("| repeat | rate (req/s) | step |", "meet latency p95 <= 400 ms");
    }

    /** The DOM after load, as Debian's chromium renders the page headless (installed by .ci/run). */
    private static String headlessChromium(Path html) throws Exception {
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--virtual-time-budget=5000", "--dump-dom", html.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return dom;
    }
}
