package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.GroundTruth;
import io.llmload.emulator.RequestTrace;
import io.llmload.simulations.NewsCategorizationSimulation;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.llmload.it.InProcessGatling.median;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The news simulation against an emulator with a fixed cost model (20 ms a step, 0.1 ms a prompt
 * token, no batching slowdown, no prefix cache): what the suite measures must match the model.
 */
class NewsSimulationGroundTruthIT {

    private static final Map<String, String> FIXED_MODEL = Map.of(
            "emulator.decode-step-base", "20ms",
            "emulator.decode-step-per-sequence", "0ms",
            "emulator.prefill-per-token", "100us",
            "emulator.prefix-cache-block-tokens", "0",
            "news.max-tokens", "40",
            "news.validate-json-answer", "false",
            "news.hold-time", "3s");

    private static Map<String, String> with(Map<String, String> extra) {
        return InProcessGatling.overrides(FIXED_MODEL, extra);
    }

    @Test
    void streamedChatTtftAndE2eMatchTheModelAndTokenCountsMatchExactly() throws Exception {
        // each admission's 110 ms prefill stalls the running batch's next token, so the ITL SLO cannot hold here
        try (Served served = Served.run(NewsCategorizationSimulation.class,
                with(Map.of("news.levels", "1,10", "news.slo-level", "10", "slo.news.itl-p95-at-10.enabled", "false")))) {
            streamedChat(served.result(), served.emulator().groundTruth());
        }
    }

    private static void streamedChat(RunResult run, GroundTruth truth) throws Exception {
        assertThat(run.exit()).as("Gatling exit code (the other SLOs hold at this load)").isZero();
        List<JsonNode> requests = run.requests();
        assertThat(requests).hasSizeGreaterThan(20);

        List<Double> ttftError = new ArrayList<>();
        List<Double> e2eError = new ArrayList<>();
        List<Double> closedFormTtftError = new ArrayList<>();
        List<Double> emulatorLag = new ArrayList<>();
        for (JsonNode r : requests) {
            assertThat(r.get("ok").asBoolean()).as("request %s", r).isTrue();
            RequestTrace t = truth.find(r.get("id").asText()).orElseThrow();
            assertThat(r.get("output_tokens").asInt()).isEqualTo(t.completionTokens()).isEqualTo(40);
            assertThat(r.get("prompt_tokens").asInt()).isEqualTo(t.promptTokens());
            assertThat(r.get("usage_reported").asBoolean()).isTrue();
            assertThat(r.get("client_output_tokens").asInt()).isEqualTo(t.completionTokens());
            assertThat(r.get("chunks").asInt()).isEqualTo(t.completionTokens());
            // ground truth: when the emulator's bytes left it, from when the request arrived
            ttftError.add(r.get("ttft_ms").asDouble() - (t.firstTokenWrittenNanos() - t.arrivalNanos()) / 1e6);
            e2eError.add(r.get("e2e_ms").asDouble() - (t.completedWrittenNanos() - t.arrivalNanos()) / 1e6);
            emulatorLag.add((t.firstTokenWrittenNanos() - t.firstTokenModelNanos()) / 1e6);
            if (r.get("level").asInt() == 1) {
                // alone on the engine: TTFT = admission (parse + tokenise) + one 20 ms step + 0.1 ms per prompt token
                closedFormTtftError.add(r.get("ttft_ms").asDouble() - (t.queueMillis() + 20 + 0.1 * t.promptTokens()));
                assertThat(t.e2eModelMillis() - t.ttftModelMillis()).isEqualTo(39 * 20.0, Offset.offset(0.001));
            }
        }
        assertThat(median(emulatorLag)).as("emulator: bytes out vs its model's step end, median ms").isBetween(0.0, 3.0);
        assertThat(median(ttftError)).as("TTFT error, median ms").isBetween(-5.0, 5.0);
        assertThat(median(e2eError)).as("E2E error, median ms").isBetween(-5.0, 5.0);
        System.out.printf("TTFT error median %.2f ms, E2E error median %.2f ms, emulator lag median %.2f ms%n",
                median(ttftError), median(e2eError), median(emulatorLag));
        assertThat(closedFormTtftError).isNotEmpty();
        // the closed form has no request transit and no emulator write lag (1-2 ms each, bounded above);
        // the engine arithmetic itself is checked to the microsecond in BatchingEngineTest
        assertThat(median(closedFormTtftError)).as("TTFT vs closed form at c=1, median ms").isBetween(0.0, 10.0);

        var atTen = run.level("categorise", 10);
        assertThat(atTen.requests()).as("the request log also has the level's 10 warm-up requests")
                .isEqualTo(requests.stream().filter(r -> r.get("level").asInt() == 10 && !r.path("warm_up").asBoolean()).count());
        assertThat(atTen.achievedConcurrency()).isBetween(8.0, 10.0);
        assertThat(run.file("llm-summary.md")).contains("| c=10 |", "PASS SLO latency-p95-at-10");

        // every SLO held at both levels: the ladder recommends its top; each SLO carries its margin to the limit
        assertThat(run.section("recommendation").get("concurrency").asInt()).isEqualTo(10);
        assertThat(run.section("recommendation").get("stopped_by").isNull()).isTrue();
        JsonNode p95 = null;
        for (JsonNode slo : run.summary().get("slos")) if (slo.get("name").asText().equals("latency-p95-at-10")) p95 = slo;
        assertThat(p95.get("margin_pct").asDouble()).isCloseTo((3500 - p95.get("measured").asDouble()) / 3500 * 100, within(0.01));
        assertThat(run.file("llm-summary.md")).contains("Recommended concurrency: **10**, the largest level at which every SLO holds (the highest level run).");
    }

    /** The prefix cache's effect as the server's usage counts it: each request's cached tokens are the emulator's, and the level's share is theirs. */
    @Test
    void cachedPromptTokensAreTheServersAndTheLevelsShareAddsThemUp() throws Exception {
        try (Served served = Served.run(NewsCategorizationSimulation.class, with(Map.of(
                "emulator.prefix-cache-block-tokens", "16", "news.levels", "3", "news.slo-level", "3", "news.hold-time", "2s",
                "slo.news.ttft-p95-at-10.enabled", "false", "slo.news.itl-p95-at-10.enabled", "false",
                "slo.news.latency-p95-at-10.enabled", "false", "slo.news.goodput-at-10.enabled", "false")))) {
            RunResult run = served.result();
            assertThat(run.exit()).isZero();
            long cached = 0;
            long prompt = 0;
            for (JsonNode r : run.requests()) {
                RequestTrace t = served.emulator().groundTruth().find(r.get("id").asText()).orElseThrow();
                assertThat(r.get("cached_prompt_tokens").asInt()).isEqualTo(t.cachedPromptTokens());
                if (r.path("warm_up").asBoolean()) continue;
                cached += t.cachedPromptTokens();
                prompt += t.promptTokens();
            }
            JsonNode cache = run.level("categorise", 3).json().get("prompt_cache");
            assertThat(cache.get("cached_prompt_tokens").asLong()).isEqualTo(cached);
            assertThat(cache.get("prompt_tokens").asLong()).isEqualTo(prompt);
            // the ~550-token categories definition opens every prompt: the cache serves it once warm
            assertThat(cache.get("cached_pct").asDouble()).isEqualTo(Math.round(10000.0 * cached / prompt) / 100.0).isGreaterThan(30.0);
            assertThat(run.file("llm-summary.md")).contains("Prompt tokens served from the server's prefix cache");
        }
    }

    @Test
    void nonStreamedCompletionsAreTimedToTheLastByteAndHaveNoTtft() throws Exception {
        try (Served served = Served.run(NewsCategorizationSimulation.class, with(Map.of(
                "news.levels", "3", "news.slo-level", "3", "news.hold-time", "2s", "news.api", "completions", "news.stream", "false",
                "slo.news.ttft-p95-at-10.enabled", "false", "slo.news.itl-p95-at-10.enabled", "false",
                "slo.news.latency-p95-at-10.enabled", "false", "slo.news.goodput-at-10.enabled", "false")))) {
            assertThat(served.result().exit()).isZero();
            List<Double> e2eError = new ArrayList<>();
            for (JsonNode r : served.result().requests()) {
                RequestTrace t = served.emulator().groundTruth().find(r.get("id").asText()).orElseThrow();
                assertThat(r.has("ttft_ms")).isFalse();
                assertThat(t.endpoint()).isEqualTo("/v1/completions");
                assertThat(r.get("output_tokens").asInt()).isEqualTo(t.completionTokens());
                e2eError.add(r.get("e2e_ms").asDouble() - (t.completedWrittenNanos() - t.arrivalNanos()) / 1e6);
            }
            assertThat(median(e2eError)).isBetween(-5.0, 5.0);
        }
    }

    @Test
    void withoutServerUsageTheClientCountIsUsedAndMatches() throws Exception {
        try (Served served = Served.run(NewsCategorizationSimulation.class, with(Map.of(
                "news.levels", "2", "news.slo-level", "2", "news.hold-time", "2s", "emulator.usage-placement", "never",
                "slo.news.ttft-p95-at-10.enabled", "false", "slo.news.itl-p95-at-10.enabled", "false",
                "slo.news.latency-p95-at-10.enabled", "false", "slo.news.goodput-at-10.enabled", "false")))) {
            assertThat(served.result().exit()).isZero();
            for (JsonNode r : served.result().requests()) {
                RequestTrace t = served.emulator().groundTruth().find(r.get("id").asText()).orElseThrow();
                assertThat(r.get("usage_reported").asBoolean()).isFalse();
                assertThat(r.get("output_tokens").asInt()).isEqualTo(r.get("client_output_tokens").asInt()).isEqualTo(t.completionTokens());
            }
        }
    }

    /** The first request of each user at each level is sent and checked but kept out of the level's figures, and counted apart. */
    @Test
    void warmUpRequestsAreTheFirstOfEachUserAtEachLevelAndAreCountedApart() throws Exception {
        try (Served served = Served.run(NewsCategorizationSimulation.class, with(Map.of(
                "news.levels", "1,3", "news.slo-level", "3", "news.hold-time", "2s",
                "slo.news.ttft-p95-at-10.enabled", "false", "slo.news.itl-p95-at-10.enabled", "false",
                "slo.news.latency-p95-at-10.enabled", "false", "slo.news.goodput-at-10.enabled", "false")))) {
            RunResult run = served.result();
            assertThat(run.exit()).isZero();
            long answered = served.emulator().groundTruth().all().size();
            JsonNode warmUp = run.summary().get("warm_up");
            assertThat(warmUp.get("rule").asText()).isEqualTo("the first request of each user at each level");
            assertThat(warmUp.get("levels")).extracting(l -> l.get("level").asInt() + ":" + l.get("requests").asLong())
                    .containsExactly("1:1", "3:3");
            assertThat(run.overall("categorise").requests() + 4).as("the emulator answered every request, warm-up included").isEqualTo(answered);
            List<JsonNode> logged = run.requests();
            assertThat(logged).hasSize((int) answered);
            for (int level : List.of(1, 3)) {
                List<JsonNode> atLevel = logged.stream().filter(r -> r.get("level").asInt() == level).toList();
                List<JsonNode> warm = atLevel.stream().filter(r -> r.path("warm_up").asBoolean()).toList();
                assertThat(warm).hasSize(level);
                long lastWarmStart = warm.stream().mapToLong(r -> r.get("start_ms").asLong()).max().orElseThrow();
                assertThat(atLevel.stream().filter(r -> !r.path("warm_up").asBoolean()))
                        .as("the warm-up requests are the level's first").allSatisfy(r -> assertThat(r.get("start_ms").asLong()).isGreaterThanOrEqualTo(lastWarmStart));
            }
            assertThat(run.console()).contains("warm-up: 4 requests kept out of the statistics (the first request of each user at each level)");
            assertThat(run.file("llm-summary.md")).contains("Warm-up, kept out of the figures above and of the SLOs");
        }
    }
}
