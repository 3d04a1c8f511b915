package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.RequestTrace;
import io.llmload.simulations.ConversationSimulation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.llmload.it.InProcessGatling.median;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-turn conversations, one at a time, on an emulator with a fixed cost model and its prefix
 * cache on: every turn carries the whole conversation before it, the cache serves those earlier
 * turns, and TTFT grows by what the emulator's prefill model predicts for the part not cached.
 */
class ConversationIT {

    private static final int TURNS = 4;
    private static final double STEP_MS = 20;
    private static final double PREFILL_MS_PER_TOKEN = 0.1;

    @Test
    void eachTurnCarriesTheConversationAndItsTtftGrowsByItsUncachedPrefill() throws Exception {
        try (Served served = Served.run(ConversationSimulation.class, Map.ofEntries(
                Map.entry("emulator.decode-step-base", "20ms"), Map.entry("emulator.decode-step-per-sequence", "0ms"),
                Map.entry("emulator.prefill-per-token", "100us"), Map.entry("emulator.prefix-cache-block-tokens", "16"),
                Map.entry("conversation.levels", "1"), Map.entry("conversation.hold-time", "4s"),
                Map.entry("conversation.turns", String.valueOf(TURNS)), Map.entry("conversation.think-time", "100ms"),
                Map.entry("conversation.max-tokens", "30")))) {
            RunResult run = served.result();
            assertThat(run.exit()).as(run.console()).isZero();
            List<JsonNode> requests = run.requests();
            // one conversation at a time: the log holds turn 1 .. 4, again and again
            List<List<JsonNode>> conversations = new ArrayList<>();
            for (JsonNode r : requests) {
                if (r.get("request").asText().equals("turn 1")) conversations.add(new ArrayList<>());
                conversations.get(conversations.size() - 1).add(r);
            }
            assertThat(conversations).hasSizeGreaterThanOrEqualTo(2);
            List<Double> closedFormError = new ArrayList<>();
            int laterTurns = 0;
            for (List<JsonNode> turns : conversations) {
                assertThat(turns).extracting(r -> r.get("request").asText())
                        .containsExactly("turn 1", "turn 2", "turn 3", "turn 4");
                for (int k = 0; k < turns.size(); k++) {
                    JsonNode r = turns.get(k);
                    assertThat(r.get("ok").asBoolean()).as("%s", r).isTrue();
                    RequestTrace t = served.emulator().groundTruth().find(r.get("id").asText()).orElseThrow();
                    assertThat(r.get("prompt_tokens").asInt()).isEqualTo(t.promptTokens());
                    assertThat(r.get("cached_prompt_tokens").asInt()).isEqualTo(t.cachedPromptTokens());
                    if (k > 0) {
                        JsonNode before = turns.get(k - 1);
                        // the whole conversation before: the last prompt, its answer, and a new question
                        assertThat(t.promptTokens()).isGreaterThan(before.get("prompt_tokens").asInt() + before.get("output_tokens").asInt());
                        // the prefix cache serves the last prompt (all but its last, partly filled block)
                        assertThat(t.cachedPromptTokens()).isGreaterThanOrEqualTo(before.get("prompt_tokens").asInt() - 16)
                                .isLessThan(t.promptTokens());
                        laterTurns++;
                    }
                    // alone on the engine: admission, one step, and the prefill of what the cache did not serve
                    double predicted = t.queueMillis() + STEP_MS + PREFILL_MS_PER_TOKEN * (t.promptTokens() - t.cachedPromptTokens());
                    closedFormError.add(r.get("ttft_ms").asDouble() - predicted);
                }
            }
            assertThat(laterTurns).isGreaterThanOrEqualTo(6);
            assertThat(median(closedFormError)).as("TTFT vs the emulator's prefill model, median ms").isBetween(0.0, 10.0);
            System.out.printf("conversations %d, TTFT vs closed form median %.2f ms%n", conversations.size(), median(closedFormError));

            // statistics per turn: turn 1 is the summary's main request, turns 2 .. 4 the others
            assertThat(run.summary().get("request").asText()).isEqualTo("turn 1");
            for (int k = 2; k <= TURNS; k++) assertThat(run.overall("turn " + k).requests()).isPositive();
            assertThat(run.overall("turn 4").json().get("prompt_cache").get("cached_pct").asDouble())
                    .isGreaterThan(run.overall("turn 2").json().get("prompt_cache").get("cached_pct").asDouble());
        }
    }

    @Test
    void realShareGptConversationsGiveTheTurnsAndEachTurnCarriesTheOnesBefore() throws Exception {
        try (Served served = Served.run(ConversationSimulation.class, Map.ofEntries(
                Map.entry("emulator.decode-step-base", "2ms"), Map.entry("conversation.levels", "1"),
                Map.entry("conversation.hold-time", "3s"), Map.entry("conversation.turns", String.valueOf(TURNS)),
                Map.entry("conversation.think-time", "0s"), Map.entry("conversation.max-tokens", "10"),
                Map.entry("conversation.feeder.sharegpt", "datasets/sharegpt-sample.json")))) {
            RunResult run = served.result();
            assertThat(run.exit()).as(run.console()).isZero();
            // the first conversation of the sample with four human turns: its human turns, counted as the client sends them
            List<String> human = List.of("What is time to first token?", "Can you give an example?", "What would you measure first?",
                    "And how long should the test run?");
            List<JsonNode> first = run.requests().subList(0, TURNS);
            assertThat(first).extracting(r -> r.get("request").asText()).containsExactly("turn 1", "turn 2", "turn 3", "turn 4");
            io.llmload.tokenizer.TokenCounter tokens = io.llmload.tokenizer.TokenCounter.cl100k();
            assertThat(first.get(0).get("client_prompt_tokens").asInt()).isEqualTo(tokens.count(human.get(0)));
            for (int k = 1; k < TURNS; k++) {
                // the whole conversation so far: the earlier turns, the answers, and this turn's human message
                assertThat(first.get(k).get("client_prompt_tokens").asInt())
                        .isGreaterThan(first.get(k - 1).get("client_prompt_tokens").asInt() + tokens.count(human.get(k)));
            }
        }
    }
}
