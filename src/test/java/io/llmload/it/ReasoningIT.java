package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.RequestTrace;
import io.llmload.simulations.NewsCategorizationSimulation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.llmload.it.InProcessGatling.median;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A reasoning model (the emulator thinking 12 tokens before each answer, as vLLM's reasoning parsers
 * stream it, in either field name): time to the first reasoning token and to the first answer token
 * match the emulator's stamps, its reasoning tokens are counted from usage, the answer check reads
 * the answer only, and an SLO on TTFO is judged.
 */
class ReasoningIT {

    private static final int REASONING_TOKENS = 12;
    private static final int STEP_MS = 5;

    private static Map<String, String> keys(String field) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "emulator.decode-step-base", STEP_MS + "ms", "emulator.decode-step-per-sequence", "0ms",
                "emulator.prefill-per-token", "10us", "emulator.prefix-cache-block-tokens", "0",
                "emulator.reasoning-tokens", String.valueOf(REASONING_TOKENS), "emulator.reasoning-field", field,
                "news.levels", "4", "news.slo-level", "4", "news.hold-time", "4s"));
        keys.putAll(Map.of("slo.news.ttfo-p95.metric", "ttfo", "slo.news.ttfo-p95.percentile", "95", "slo.news.ttfo-p95.level", "4",
                "slo.news.ttfo-p95.max", "1s"));
        return keys;
    }

    @Test
    void timeToFirstReasoningAndAnswerTokenMatchTheEmulatorsStampsInBothFieldNames() throws Exception {
        for (String field : List.of("reasoning_content", "reasoning")) {
            try (Served served = Served.run(NewsCategorizationSimulation.class, keys(field))) {
                RunResult run = served.result();
                assertThat(run.exit()).as("%s: every SLO holds, the JSON answer check passes on the answer alone\n%s", field, run.console()).isZero();
                List<Double> ttfrError = new ArrayList<>();
                List<Double> ttfoError = new ArrayList<>();
                List<Double> thinking = new ArrayList<>();
                int measured = 0;
                for (JsonNode r : run.requests()) {
                    assertThat(r.get("ok").asBoolean()).as("%s", r).isTrue();
                    RequestTrace t = served.emulator().groundTruth().find(r.get("id").asText()).orElseThrow();
                    assertThat(t.reasoningTokens()).isEqualTo(REASONING_TOKENS);
                    assertThat(r.get("reasoning_tokens").asInt()).isEqualTo(REASONING_TOKENS);
                    assertThat(r.get("output_tokens").asInt()).isEqualTo(t.completionTokens()).isGreaterThan(REASONING_TOKENS);
                    // the first content chunk is the first reasoning one: TTFT is TTFR
                    assertThat(r.get("ttfr_ms").asDouble()).isEqualTo(r.get("ttft_ms").asDouble());
                    ttfrError.add(r.get("ttfr_ms").asDouble() - (t.firstTokenWriteStartNanos() - t.arrivalNanos()) / 1e6);
                    ttfoError.add(r.get("ttfo_ms").asDouble() - (t.firstAnswerWriteStartNanos() - t.arrivalNanos()) / 1e6);
                    thinking.add(r.get("ttfo_ms").asDouble() - r.get("ttfr_ms").asDouble());
                    if (!r.path("warm_up").asBoolean()) measured++;
                }
                assertThat(median(ttfrError)).as("%s: TTFR error, median ms", field).isBetween(-3.0, 3.0);
                assertThat(median(ttfoError)).as("%s: TTFO error, median ms", field).isBetween(-3.0, 3.0);
                // the emulator writes the 12 thinking tokens one engine step apart: the answer's first comes 12 steps after the first thought
                assertThat(median(thinking)).as("%s: TTFO - TTFR, median ms", field).isCloseTo(REASONING_TOKENS * STEP_MS, within(5.0));
                System.out.printf("%s: TTFR error median %.2f ms, TTFO error median %.2f ms, thinking median %.1f ms%n",
                        field, median(ttfrError), median(ttfoError), median(thinking));

                JsonNode reasoning = run.level("categorise", 4).json().get("reasoning");
                assertThat(reasoning.get("ttfr_ms").get("count").asLong()).isEqualTo(measured);
                assertThat(reasoning.get("ttfo_ms").get("count").asLong()).isEqualTo(measured);
                assertThat(reasoning.get("reasoning_tokens_per_request").asDouble()).isEqualTo(REASONING_TOKENS);
                RunResult.Slo ttfo = run.slos().stream().filter(s -> s.name().equals("ttfo-p95")).findFirst().orElseThrow();
                assertThat(ttfo.passed()).isTrue();
                assertThat(ttfo.measured()).isEqualTo(reasoning.get("ttfo_ms").get("p95").asDouble(), within(0.01));
                assertThat(run.file("llm-summary.md")).contains("## Reasoning", "| c=4 |");
            }
        }
    }
}
