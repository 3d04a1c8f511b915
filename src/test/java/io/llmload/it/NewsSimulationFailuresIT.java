package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.EmulatorFixture;
import io.llmload.emulator.LlmEndpointEmulator;
import io.llmload.simulations.NewsCategorizationSimulation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NewsSimulationFailuresIT {

    /** These compare every request with the emulator's count: no warm-up (WarmUpIT tests it). */
    private static final Map<String, String> SHORT = Map.of(
            "news.hold-time", "2s", "news.max-tokens", "20", "news.validate-json-answer", "false",
            "emulator.decode-step-base", "5ms", "news.warm-up.requests-per-user", "0");

    private static Map<String, String> with(Map<String, String> extra) {
        return InProcessGatling.overrides(SHORT, extra);
    }

    @Test
    void aBreachedSloFailsTheRunWithTheSloItsLimitAndTheMeasuredValue() throws Exception {
        RunResult run = RunResult.of(NewsCategorizationSimulation.class,
                with(Map.of("news.levels", "10", "news.slo-level", "10", "slo.news.latency-p95-at-10.max", "1ms")));
        assertThat(run.exit()).as("Gatling exit code for failed assertions").isEqualTo(2);
        RunResult.Slo breach = run.slos().stream().filter(r -> !r.passed()).findFirst().orElseThrow();
        assertThat(run.slos().stream().filter(r -> !r.passed())).hasSize(1);
        double p95 = run.level("categorise", 10).e2e().percentileMillis(95);
        assertThat(breach.measured()).isEqualTo(p95).isGreaterThan(100);
        assertThat(breach.message()).startsWith("SLO latency-p95-at-10 FAILED: latency p95 at c=10 <= 1 ms, measured ");

        String junit = Files.readString(Path.of("target/llmload/slo-results/TEST-llmload-slo-NewsCategorizationSimulation.xml"));
        assertThat(junit).contains("tests=\"5\" failures=\"1\"", "<failure message=\"SLO latency-p95-at-10 FAILED");
        assertThat(run.file("llm-summary.md")).contains("**FAIL** SLO latency-p95-at-10");
    }

    @Test
    void anOverLongPromptIsAKoCarryingTheServersMessage() throws Exception {
        try (Served served = Served.run(NewsCategorizationSimulation.class,
                with(Map.of("news.levels", "2", "news.slo-level", "2", "emulator.max-model-len", "800")))) {
            RunResult run = served.result();
            assertThat(run.exit()).as("the success-rate SLO fails").isEqualTo(2);
            var overall = run.overall("categorise");
            assertThat(overall.ok()).isZero();
            assertThat(overall.ko()).isGreaterThan(10);
            assertThat(overall.failures()).allSatisfy((reason, count) ->
                    assertThat(reason).startsWith("HTTP 400: This model's maximum context length is 800 tokens. However, you requested "));
            assertThat(served.emulator().engineStats().promptTokensTotal()).as("nothing reached the engine").isZero();
            List<JsonNode> requests = run.requests();
            assertThat(requests).allSatisfy(r -> assertThat(r.get("status").asInt()).isEqualTo(400));
        }
    }

    @Test
    void injectedServerErrorsAndDroppedStreamsAreClassifiedKos() throws Exception {
        try (Served served = Served.run(NewsCategorizationSimulation.class, with(Map.of("news.levels", "8", "news.slo-level", "8",
                "emulator.faults.error-rate", "0.2", "emulator.faults.error-status", "503", "emulator.faults.abort-rate", "0.2")))) {
            RunResult run = served.result();
            assertThat(run.exit()).isEqualTo(2);
            var overall = run.overall("categorise");
            long injected503 = served.emulator().groundTruth().all().stream().filter(t -> t.status() == 503).count();
            long aborted = served.emulator().groundTruth().all().stream().filter(t -> "abort".equals(t.finishReason())).count();
            assertThat(injected503).isPositive();
            assertThat(aborted).isPositive();
            assertThat(overall.failures().get("HTTP 503: Injected fault (emulator.faults.error-rate)")).isEqualTo(injected503);
            long midStream = overall.failures().entrySet().stream()
                    .filter(e -> e.getKey().equals("connection closed mid-stream") || e.getKey().equals("stream ended without [DONE]"))
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(midStream).isEqualTo(aborted);
            assertThat(overall.ok() + injected503 + aborted).isEqualTo(overall.requests());
        }
    }

    @Test
    void aTlsHandshakeWithAServerThatSpeaksPlainHttpIsAClassifiedKoNotAHang() throws Exception {
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of())) {
            RunResult run = RunResult.of(NewsCategorizationSimulation.class, with(Map.of("news.levels", "1", "news.slo-level", "1", "news.hold-time", "1s",
                    "target.base-url", "https://127.0.0.1:" + emulator.port(), "target.model", EmulatorFixture.MODEL, "target.ready-check", "false")));
            assertThat(run.exit()).isEqualTo(2);
            var overall = run.overall("categorise");
            assertThat(overall.requests()).isPositive();
            assertThat(overall.ok()).isZero();
            assertThat(overall.failures().keySet()).allSatisfy(reason -> assertThat(reason).containsAnyOf("SSL", "closed", "handshake"));
        }
    }
}
