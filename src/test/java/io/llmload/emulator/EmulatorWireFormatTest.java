package io.llmload.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.llmload.emulator.EmulatorFixture.get;
import static io.llmload.emulator.EmulatorFixture.post;
import static org.assertj.core.api.Assertions.assertThat;

class EmulatorWireFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FAST = Map.of("decode-step-base", "1ms", "prefill-per-token", "1us");
    private LlmEndpointEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) emulator.close();
    }

    private LlmEndpointEmulator start(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(FAST);
        all.putAll(overrides);
        emulator = LlmEndpointEmulator.start(EmulatorFixture.settings(all));
        return emulator;
    }

    private static List<String> events(String sse) {
        List<String> out = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            if (block.startsWith("data: ")) out.add(block.substring(6));
        }
        return out;
    }

    private static String chat(String content, int maxTokens, boolean stream, boolean usage) {
        return "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":" + JSON.valueToTree(content)
                + "}],\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
                + (usage ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    @Test
    void aStreamedChatHasARoleChunkOneChunkPerTokenAUsageChunkAndDone() throws Exception {
        start(Map.of());
        var response = post(emulator, "/v1/chat/completions", chat("Tell me about the market.", 30, true, true));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> events = events(response.body());
        JsonNode role = JSON.readTree(events.get(0));
        assertThat(role.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(role.at("/choices/0/delta/content").asText()).isEmpty();
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        JsonNode usage = JSON.readTree(events.get(events.size() - 2));
        assertThat(usage.get("choices")).isEmpty();
        int completionTokens = usage.at("/usage/completion_tokens").asInt();
        List<String> content = events.subList(1, events.size() - 2);
        assertThat(content).hasSize(completionTokens);
        assertThat(completionTokens).isEqualTo(30);
        JsonNode last = JSON.readTree(content.get(content.size() - 1));
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(JSON.readTree(content.get(0)).at("/choices/0/finish_reason").isNull()).isTrue();
        emulator.groundTruth().await(1, Duration.ofSeconds(5));
        var trace = emulator.groundTruth().find(role.get("id").asText()).orElseThrow();
        assertThat(trace.completionTokens()).isEqualTo(30);
        assertThat(trace.promptTokens()).isEqualTo(usage.at("/usage/prompt_tokens").asInt());
    }

    @Test
    void withSeveralIoThreadsConcurrentStreamsCarryTheSameTextAsUnstreamedAnswers() throws Exception {
        start(Map.of("io-threads", "3", "decode-step-base", "2ms"));
        int streams = 12;
        List<CompletableFuture<String>> streamed = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            String prompt = "Tell me about market number " + i;
            streamed.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return post(emulator, "/v1/chat/completions", chat(prompt, 40, true, true)).body();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (int i = 0; i < streams; i++) {
            List<String> events = events(streamed.get(i).get(10, TimeUnit.SECONDS));
            assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
            StringBuilder text = new StringBuilder();
            for (String event : events.subList(1, events.size() - 2)) {
                text.append(JSON.readTree(event).at("/choices/0/delta/content").asText());
            }
            JsonNode whole = JSON.readTree(post(emulator, "/v1/chat/completions",
                    chat("Tell me about market number " + i, 40, false, false)).body());
            assertThat(text.toString()).isEqualTo(whole.at("/choices/0/message/content").asText());
        }
        assertThat(emulator.groundTruth().await(2 * streams, Duration.ofSeconds(5)))
                .hasSize(2 * streams).allMatch(t -> t.status() == 200 && t.completionTokens() == 40);
    }

    @Test
    void withoutIncludeUsageNoUsageChunkIsSent() throws Exception {
        start(Map.of());
        List<String> events = events(post(emulator, "/v1/chat/completions", chat("Hello", 5, true, false)).body());
        assertThat(events).hasSize(1 + 5 + 1);
        assertThat(events).noneMatch(e -> e.contains("\"usage\""));
    }

    @Test
    void llamaCppStylePutsUsageInTheLastContentChunk() throws Exception {
        start(Map.of("usage-placement", "last-content-chunk"));
        List<String> events = events(post(emulator, "/v1/chat/completions", chat("Hello", 5, true, true)).body());
        assertThat(events).hasSize(1 + 5 + 1);
        JsonNode last = JSON.readTree(events.get(5));
        assertThat(last.at("/choices/0/delta/content").asText()).isNotEmpty();
        assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void completionsWithoutStreamingReturnOneBodyWithUsage() throws Exception {
        start(Map.of());
        var response = post(emulator, "/v1/completions",
                "{\"model\":\"test-model\",\"prompt\":\"Write about rain\",\"max_tokens\":12,\"ignore_eos\":true}");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("object").asText()).isEqualTo("text_completion");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(body.at("/choices/0/text").asText()).isNotBlank();
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void minTokensHoldsTheEndBackUntilThatManyTokensAndAboveMaxTokensIsA400() throws Exception {
        start(Map.of("answer-tokens-mean", "5", "answer-tokens-spread", "0"));
        var response = post(emulator, "/v1/completions", "{\"model\":\"test-model\",\"prompt\":\"Write about rain\",\"max_tokens\":40,\"min_tokens\":30}");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(30);
        var unanswerable = post(emulator, "/v1/completions", "{\"model\":\"test-model\",\"prompt\":\"rain\",\"max_tokens\":4,\"min_tokens\":8}");
        assertThat(unanswerable.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unanswerable.body()).at("/error/message").asText()).isEqualTo("min_tokens must be less than or equal to max_tokens=4, got 8");
    }

    @Test
    void aJsonRequestingPromptGetsAJsonArrayWithOneObjectPerItem() throws Exception {
        start(Map.of());
        String prompt = "Categories:\n- Sports: games\n- Business: money\n\nItem 1: a\nItem 2: b\nItem 3: c\n\nAnswer with a JSON array.";
        JsonNode body = JSON.readTree(post(emulator, "/v1/chat/completions", chat(prompt, 400, false, false)).body());
        JsonNode answer = JSON.readTree(body.at("/choices/0/message/content").asText());
        assertThat(answer).hasSize(3);
        assertThat(answer.get(0).get("category").asText()).isIn("Sports", "Business");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void tooLongARequestIsA400WithVllmsMessage() throws Exception {
        start(Map.of("max-model-len", "64"));
        var response = post(emulator, "/v1/chat/completions", chat("word ".repeat(80), 10, true, true));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("message").asText()).startsWith("This model's maximum context length is 64 tokens. However, you requested ");
        assertThat(error.get("code").asInt()).isEqualTo(400);
    }

    @Test
    void anApiKeyIsRequiredWhenConfiguredAndAnUnknownModelIs404() throws Exception {
        start(Map.of("api-key", "sekret"));
        assertThat(post(emulator, "/v1/chat/completions", chat("hi", 2, false, false)).statusCode()).isEqualTo(401);
        assertThat(post(emulator, "/v1/chat/completions", chat("hi", 2, false, false), "Authorization", "Bearer sekret").statusCode()).isEqualTo(200);
        var wrongModel = post(emulator, "/v1/chat/completions", chat("hi", 2, false, false).replace("test-model", "gpt-x"),
                "Authorization", "Bearer sekret");
        assertThat(wrongModel.statusCode()).isEqualTo(404);
        assertThat(wrongModel.body()).contains("The model `gpt-x` does not exist.");
    }

    @Test
    void modelsHealthAndPrometheusMetricsUseVllmsNames() throws Exception {
        start(Map.of());
        post(emulator, "/v1/chat/completions", chat("hi", 7, false, false));
        assertThat(get(emulator, "/health").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get(emulator, "/v1/models").body()).at("/data/0/id").asText()).isEqualTo("test-model");
        String metrics = get(emulator, "/metrics").body();
        assertThat(metrics).contains("# TYPE vllm:num_requests_running gauge", "vllm:num_requests_waiting{model_name=\"test-model\"} 0.0",
                "vllm:generation_tokens_total{model_name=\"test-model\"} 7.0",
                "vllm:request_success_total{finished_reason=\"length\",model_name=\"test-model\"} 1.0",
                "vllm:time_to_first_token_seconds_count{model_name=\"test-model\"} 1.0");
    }

    @Test
    void aClientThatGoesAwayMidStreamAbortsItsSequence() throws Exception {
        start(Map.of("decode-step-base", "20ms"));
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            String body = chat("Write a long story.", 500, true, true);
            String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[4096];
            String received = "";
            while (!received.contains("\"content\":\"") || received.indexOf("\"content\":\"") == received.lastIndexOf("\"content\":\"")) {
                int n = socket.getInputStream().read(buffer);
                if (n < 0) break;
                received += new String(buffer, 0, n, StandardCharsets.UTF_8);
            }
            assertThat(emulator.engineStats().running()).isEqualTo(1);
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (emulator.engineStats().abortedTotal() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(emulator.engineStats().abortedTotal()).isEqualTo(1);
        assertThat(emulator.engineStats().running()).isZero();
        assertThat(emulator.engineStats().generationTokensTotal()).isLessThan(500);
    }

    @Test
    void injectedFaultsFollowTheConfiguredRate() throws Exception {
        start(Map.of("faults.error-rate", "0.5", "faults.error-status", "503"));
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            if (post(emulator, "/v1/chat/completions", chat("hi " + i, 2, false, false)).statusCode() == 503) failed++;
        }
        long recorded = emulator.groundTruth().await(200, Duration.ofSeconds(5)).stream().filter(t -> t.status() == 503).count();
        assertThat(recorded).isEqualTo(failed);
        assertThat(failed).isBetween(70, 130);
    }
}
