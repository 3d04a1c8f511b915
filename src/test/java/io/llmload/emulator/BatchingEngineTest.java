package io.llmload.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.llmload.emulator.EmulatorFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The engine model's timing, read from the emulator's ground truth (engine times, not wall clock). */
class BatchingEngineTest {

    private LlmEndpointEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) emulator.close();
    }

    private static String completion(String prompt, int tokens) {
        return "{\"model\":\"test-model\",\"prompt\":\"" + prompt + "\",\"max_tokens\":" + tokens + ",\"ignore_eos\":true}";
    }

    @Test
    void aLoneRequestTakesOnePrefillStepThenOneDecodeStepPerToken() throws Exception {
        emulator = LlmEndpointEmulator.start(EmulatorFixture.settings(Map.of("decode-step-base", "10ms",
                "decode-step-per-sequence", "0ms", "prefill-per-token", "200us", "prefix-cache-block-tokens", "0")));
        for (int i = 0; i < 20; i++) post(emulator, "/v1/completions", completion("warm up number " + i, 2));
        emulator.groundTruth().await(20, Duration.ofSeconds(5));
        emulator.groundTruth().clear();
        post(emulator, "/v1/completions", completion("one two three four five six seven eight nine ten", 20));
        RequestTrace t = emulator.groundTruth().await(1, Duration.ofSeconds(5)).get(0);
        // the first step prefills the prompt (10 ms + 10 tokens x 0.2 ms) and yields the first token
        assertThat(t.promptTokens()).isEqualTo(10);
        assertThat((t.firstTokenModelNanos() - t.admittedNanos()) / 1e6).isCloseTo(12.0, within(0.001));
        // every later token is one more 10 ms step
        assertThat(t.e2eModelMillis() - t.ttftModelMillis()).isCloseTo(19 * 10.0, within(0.001));
        // an idle engine admits at once (what remains is parsing and tokenising the request)
        assertThat(t.queueMillis()).isLessThan(5.0);
    }

    @Test
    void aFullBatchQueuesTheNextRequestUntilASlotFrees() throws Exception {
        emulator = LlmEndpointEmulator.start(EmulatorFixture.settings(Map.of("decode-step-base", "5ms",
                "decode-step-per-sequence", "0ms", "prefill-per-token", "0us", "max-num-seqs", "1")));
        List<CompletableFuture<Void>> calls = List.of(
                CompletableFuture.runAsync(() -> call(completion("first", 20))),
                CompletableFuture.runAsync(() -> call(completion("second", 20))));
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        List<RequestTrace> traces = emulator.groundTruth().await(2, Duration.ofSeconds(5));
        RequestTrace first = traces.stream().min((a, b) -> Long.compare(a.admittedNanos(), b.admittedNanos())).orElseThrow();
        RequestTrace second = traces.stream().filter(t -> t != first).findFirst().orElseThrow();
        // the second is admitted at the step that ends the first: it waited ~20 steps of 5 ms
        assertThat(second.admittedNanos()).isEqualTo(first.lastTokenModelNanos());
        assertThat(second.queueMillis()).isGreaterThan(80);
    }

    @Test
    void decodeStepsSlowDownWithTheRunningBatch() throws Exception {
        emulator = LlmEndpointEmulator.start(EmulatorFixture.settings(Map.of("decode-step-base", "2ms",
                "decode-step-per-sequence", "1ms", "prefill-per-token", "0us")));
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String prompt = "prompt number " + i;
            calls.add(CompletableFuture.runAsync(() -> call(completion(prompt, 30))));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        double maxTpot = emulator.groundTruth().await(8, Duration.ofSeconds(5)).stream()
                .mapToDouble(t -> (t.e2eModelMillis() - t.ttftModelMillis()) / 29).max().orElseThrow();
        // up to 8 running sequences: a step lasts up to 2 + 8 x 1 = 10 ms; alone it would be 3 ms
        assertThat(maxTpot).isGreaterThan(7.0).isLessThanOrEqualTo(10.0);
        emulator.groundTruth().clear();
        call(completion("alone", 30));
        RequestTrace alone = emulator.groundTruth().await(1, Duration.ofSeconds(5)).get(0);
        assertThat((alone.e2eModelMillis() - alone.ttftModelMillis()) / 29).isCloseTo(3.0, within(0.001));
    }

    @Test
    void aRepeatedPrefixIsServedFromThePrefixCache() throws Exception {
        emulator = LlmEndpointEmulator.start(EmulatorFixture.settings(Map.of("decode-step-base", "1ms",
                "prefill-per-token", "100us", "prefix-cache-block-tokens", "16")));
        String shared = "alpha beta gamma delta ".repeat(40);
        post(emulator, "/v1/completions", completion(shared + "first question", 2));
        post(emulator, "/v1/completions", completion(shared + "second question", 2));
        List<RequestTrace> traces = emulator.groundTruth().await(2, Duration.ofSeconds(5));
        assertThat(traces.get(0).cachedPromptTokens()).isZero();
        assertThat(traces.get(1).cachedPromptTokens()).isGreaterThanOrEqualTo(144).isLessThan(traces.get(1).promptTokens());
        assertThat(traces.get(1).ttftModelMillis()).isLessThan(traces.get(0).ttftModelMillis() / 2);
    }

    private void call(String body) {
        try {
            post(emulator, "/v1/completions", body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
