package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.llmload.simulations.NewsCategorizationSimulation;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's side of a news run: the emulator's vLLM /metrics and a DCGM exporter (a stand-in
 * serving a recorded exposition) sampled per level, the GPU-memory alert band judged on them, and a
 * server without /metrics reported once as not exposed.
 */
class ServerSideIT {

    private static Map<String, String> news(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "news.levels", "1,4", "news.slo-level", "4", "news.hold-time", "3s", "news.max-tokens", "20",
                "news.validate-json-answer", "false", "emulator.decode-step-base", "5ms", "server-metrics.interval", "200ms",
                "alerts.interval", "1s", "alerts.window", "2s"));
        keys.putAll(extra);
        return keys;
    }

    @Test
    void theEmulatorsMetricsAndTheGpuAreSampledPerLevelAndAFullGpuRaisesItsBand() throws Exception {
        HttpServer gpu = DcgmStandIn.start(93);
        try {
            RunResult run = RunResult.of(NewsCategorizationSimulation.class,
                    news(Map.of("server-metrics.dcgm-url", DcgmStandIn.url(gpu))));
            JsonNode side = run.section("server_side");
            assertThat(side.get("not_exposed")).isEmpty();
            JsonNode atFour = null;
            for (JsonNode l : side.get("levels")) if (l.get("level").asInt() == 4) atFour = l;
            assertThat(atFour).as("samples during c=4").isNotNull();
            assertThat(atFour.get("samples").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(atFour.get("running_max").asDouble()).isBetween(1.0, 4.0);
            assertThat(atFour.get("kv_cache_max_pct").asDouble()).isPositive();
            // every prompt shares the ~550-token categories definition: the engine's prefix cache hits it
            assertThat(atFour.get("prefix_cache_hit_pct").asDouble()).isBetween(20.0, 100.0);
            double clientTokensPerS = run.level("categorise", 4).json().get("output_tokens_per_s").asDouble();
            assertThat(atFour.get("server_generation_tokens_per_s").asDouble()).isBetween(clientTokensPerS * 0.6, clientTokensPerS * 1.4);
            assertThat(atFour.get("gpu_memory_max_pct").asDouble()).isCloseTo(93.0, org.assertj.core.data.Offset.offset(0.5));
            assertThat(run.console()).contains("ALERT gpu-memory-critical: gpu-memory over the last 2 s <= 92 %, measured 93");
            assertThat(run.section("alerts")).anySatisfy(a -> {
                assertThat(a.get("alert").asText()).isEqualTo("gpu-memory-critical");
                assertThat(a.get("fired").asBoolean()).isTrue();
            });
            assertThat(run.file("llm-summary.md")).contains("## The server's side", "| 4 | ");
        } finally {
            gpu.stop(0);
        }
    }

    @Test
    void aServerWithoutMetricsIsReportedOnceAsNotExposed() throws Exception {
        RunResult run = RunResult.of(NewsCategorizationSimulation.class, news(Map.of("server-metrics.prometheus-url", "http://127.0.0.1:9/metrics")));
        assertThat(run.exit()).isZero();
        assertThat(run.console().split("server metrics: http://127.0.0.1:9/metrics", -1)).as("said once").hasSize(2);
        assertThat(run.section("server_side").get("not_exposed").get(0).asText()).startsWith("http://127.0.0.1:9/metrics: ");
        assertThat(run.file("llm-summary.md")).contains("- not exposed: http://127.0.0.1:9/metrics");
        assertThat(run.section("alerts")).noneSatisfy(a -> assertThat(a.get("alert").asText()).startsWith("gpu-memory"));
    }
}
