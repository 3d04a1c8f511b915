package io.llmload.it;

import io.llmload.emulator.inference.InferenceServer;
import io.llmload.metrics.LevelStats;
import io.llmload.run.LlmRun;
import io.llmload.simulations.AudioBenchmarkSimulation;
import io.llmload.simulations.ChatBenchmarkSimulation;
import io.llmload.simulations.EmbeddingsBenchmarkSimulation;
import io.llmload.simulations.MixedTrafficSimulation;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The inference-server workloads against the emulator in that server's shape, checked against its counters. */
class InferenceServerIT {

    private static Map<String, String> with(String... pairs) {
        Map<String, String> out = new HashMap<>(Map.of("inference.metrics-interval", "500ms"));
        for (int i = 0; i < pairs.length; i += 2) out.put(pairs[i], pairs[i + 1]);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> view(String capability) {
        return (Map<String, Object>) ((Map<String, Object>) LlmRun.current().runInfo().get("server_view")).get(capability);
    }

    private static Object viewValue(String key) {
        return ((Map<String, Object>) LlmRun.current().runInfo().get("server_view")).get(key);
    }

    @SuppressWarnings("unchecked")
    private static long serverCount(String capability, int status) {
        return ((Map<String, Long>) view(capability).get("server_requests_by_status")).getOrDefault(String.valueOf(status), 0L);
    }

    private static InferenceServer server() {
        return LlmRun.current().emulator().inferenceServer();
    }

    @Test
    void aSmallQueueGives429sAndTheSuiteCountsExactlyTheServersRejections() {
        InProcessGatling.run(EmbeddingsBenchmarkSimulation.class, with("emulator.inference.max-concurrent", "1",
                "emulator.inference.max-queue-size", "2", "emulator.inference.embedding.batching", "false",
                "emulator.inference.embedding.base-cost", "30ms", "inference.embeddings.requests", "60",
                "inference.embeddings.repeat-share", "0"));
        LevelStats embeddings = LlmRun.current().metrics().overall("embeddings");
        long client429 = embeddings.statuses().getOrDefault(429, 0L);
        assertThat(client429).isPositive();
        assertThat(server().rejectionsTotal()).isEqualTo(client429);
        assertThat(((Number) viewValue("embedding_queue_rejections")).longValue()).isEqualTo(client429);
        assertThat(serverCount("embedding", 429)).isEqualTo(client429);
        assertThat(serverCount("embedding", 200)).isEqualTo(embeddings.ok());
        assertThat(embeddings.failures()).containsOnlyKeys("HTTP 429: server busy: the request queue is full");
    }

    @Test
    void audioLoadRaisesChatQueueWait() {
        // about 2 chat users alone, then about 2 chat users beside about 1 audio user (holding a permit most of the time)
        Map<String, String> closed = Map.of("inference.mixed.model", "closed", "inference.mixed.duration", "10s",
                "emulator.inference.max-concurrent", "2", "emulator.inference.audio.real-time-factor", "0.15",
                // unbatched chat: two chat requests need two permits, so a permit held by audio is felt
                "emulator.inference.chat.batching", "false");
        InProcessGatling.run(MixedTrafficSimulation.class, InProcessGatling.overrides(with("inference.mixed.concurrency", "2",
                "inference.mixed.weights.embeddings", "0", "inference.mixed.weights.chat", "100", "inference.mixed.weights.audio", "0"), closed));
        double chatAlone = ((Number) view("chat").get("server_queue_wait_mean_ms")).doubleValue();
        InProcessGatling.run(MixedTrafficSimulation.class, InProcessGatling.overrides(with("inference.mixed.concurrency", "3",
                "inference.mixed.weights.embeddings", "0", "inference.mixed.weights.chat", "67", "inference.mixed.weights.audio", "33"), closed));
        double chatWithAudio = ((Number) view("chat").get("server_queue_wait_mean_ms")).doubleValue();
        assertThat(LlmRun.current().metrics().overall("audio").ok()).isPositive();
        System.out.printf("chat queue wait: alone %.1f ms, with audio %.1f ms; chat %s, audio %s, audio view %s%n", chatAlone, chatWithAudio,
                LlmRun.current().metrics().overall("chat").statuses(), LlmRun.current().metrics().overall("audio").statuses(), view("audio"));
        assertThat(chatWithAudio).as("chat queue wait with audio (ms) vs alone %.1f ms", chatAlone).isGreaterThan(chatAlone * 1.5 + 30);
    }

    @Test
    void visionRequestsSendTheImageAsADataUrl() {
        InProcessGatling.run(MixedTrafficSimulation.class, with("inference.mixed.model", "closed", "inference.mixed.concurrency", "2",
                "inference.mixed.duration", "2s", "inference.mixed.weights.embeddings", "0", "inference.mixed.weights.chat", "0",
                "inference.mixed.weights.vision", "100", "inference.mixed.weights.audio", "0"));
        LevelStats vision = LlmRun.current().metrics().overall("vision");
        assertThat(vision.requests()).isPositive();
        assertThat(vision.ok()).isEqualTo(vision.requests());
        assertThat(serverCount("chat", 200)).isEqualTo(vision.ok());
        assertThat(vision.outputTokens()).as("usage from the server").isPositive();
    }

    @Test
    void batchingRaisesEmbeddingThroughput() {
        Map<String, String> base = with("emulator.inference.max-concurrent", "1", "emulator.inference.embedding.cache-size", "0",
                "emulator.inference.embedding.batch-window", "10ms", "inference.embeddings.concurrency", "16",
                "inference.embeddings.requests", "240");
        InProcessGatling.run(EmbeddingsBenchmarkSimulation.class, InProcessGatling.overrides(base, Map.of("emulator.inference.embedding.batching", "false")));
        double unbatched = LlmRun.current().metrics().at("embeddings", 16).requestsPerSecond();
        Object unbatchedSize = view("embedding").get("batch_size_mean");
        InProcessGatling.run(EmbeddingsBenchmarkSimulation.class, InProcessGatling.overrides(base, Map.of("emulator.inference.embedding.batching", "true")));
        double batched = LlmRun.current().metrics().at("embeddings", 16).requestsPerSecond();
        assertThat(((Number) unbatchedSize).doubleValue()).isEqualTo(1.0);
        assertThat(((Number) view("embedding").get("batch_size_mean")).doubleValue()).isGreaterThan(1.5);
        assertThat(batched).as("req/s batched vs %.1f unbatched", unbatched).isGreaterThan(unbatched * 1.3);
    }

    @Test
    void repeatedTextsShowCacheHitsInTheScrapedMetrics() {
        InProcessGatling.run(EmbeddingsBenchmarkSimulation.class, with("inference.embeddings.requests", "60",
                "inference.embeddings.repeat-share", "0.5"));
        long hits = ((Number) viewValue("embedding_cache_hits")).longValue();
        assertThat(hits).isPositive().isEqualTo(server().cacheHits());
        assertThat(hits + ((Number) viewValue("embedding_cache_misses")).longValue()).isEqualTo(60);
    }

    @Test
    void guardsTimeoutsAndWarmUpAreKosByStatusThatMatchTheServersCounts() {
        InProcessGatling.run(EmbeddingsBenchmarkSimulation.class, with("emulator.inference.max-text-chars", "100",
                "inference.embeddings.requests", "30", "inference.embeddings.repeat-share", "0"));
        long tooLong = LlmRun.current().metrics().overall("embeddings").statuses().getOrDefault(400, 0L);
        assertThat(tooLong).isPositive().isEqualTo(serverCount("embedding", 400));

        InProcessGatling.run(AudioBenchmarkSimulation.class, with("emulator.inference.max-audio-bytes", "180000",
                "inference.audio.requests", "12"));
        LevelStats audio = LlmRun.current().metrics().overall("audio");
        assertThat(audio.statuses()).containsEntry(413, 10L).containsEntry(200, 2L);   // 5 of the 6 clips are over 180 kB
        assertThat(serverCount("audio", 413)).isEqualTo(10);
        assertThat(audio.failures().keySet()).allMatch(k -> k.startsWith("HTTP 413: audio file of "));

        InProcessGatling.run(ChatBenchmarkSimulation.class, with("emulator.inference.chat.generate-timeout", "100ms",
                "inference.chat.requests", "10"));
        assertThat(LlmRun.current().metrics().overall("chat").statuses()).containsEntry(504, 10L);
        assertThat(serverCount("chat", 504)).isEqualTo(10);

        InProcessGatling.run(EmbeddingsBenchmarkSimulation.class, with("emulator.inference.warmup-duration", "60s",
                "inference.require-warm", "false", "inference.embeddings.requests", "10", "inference.embeddings.repeat-share", "0"));
        assertThat(LlmRun.current().metrics().overall("embeddings").statuses()).containsEntry(503, 10L);
        assertThat(serverCount("embedding", 503)).isEqualTo(10);
    }

    @Test
    void aClientThatGivesUpIsA499OnTheServer() throws Exception {
        // a server of our own (not embedded), so it can finish its queue after the run ends
        var settings = io.llmload.emulator.EmulatorFixture.settings(Map.of("flavour", "inference-server",
                "inference.max-concurrent", "1", "inference.embedding.batching", "false", "inference.embedding.base-cost", "300ms"));
        try (var emulator = io.llmload.emulator.LlmEndpointEmulator.start(settings)) {
            InProcessGatling.run(EmbeddingsBenchmarkSimulation.class, with("target.base-url", emulator.baseUrl(),
                    "target.request-timeout", "200ms", "inference.embeddings.requests", "8", "inference.embeddings.repeat-share", "0"));
            LevelStats embeddings = LlmRun.current().metrics().overall("embeddings");
            long clientTimeouts = embeddings.statuses().getOrDefault(0, 0L);
            assertThat(clientTimeouts).isEqualTo(8);
            assertThat(embeddings.failures()).containsOnlyKeys("timeout after 200 ms (no response)");
            InferenceServer server = emulator.inferenceServer();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.requestsWithStatus("embedding", 499) < clientTimeouts && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(server.requestsWithStatus("embedding", 499)).as("server-side 499s = client give-ups").isEqualTo(clientTimeouts);
            assertThat(server.requestsWithStatus("embedding", 200)).isZero();
        }
    }

    @Test
    void anUnhealthyOrWarmingServerStopsTheRunBeforeLoadWithTheReason() throws Exception {
        long startedMillis = System.currentTimeMillis() - 1000;
        Throwable unhealthy = catchThrowable(() -> InProcessGatling.run(EmbeddingsBenchmarkSimulation.class,
                with("emulator.inference.health-status", "unhealthy")));
        assertThat(rootMessage(unhealthy)).contains("target not ready: GET /health answered HTTP 503, status \"unhealthy\"");
        assertThat(LlmRun.current().metrics().overall("embeddings").requests()).isZero();
        try (var left = java.nio.file.Files.list(java.nio.file.Path.of("target", "llmload"))) {
            assertThat(left.filter(p -> p.toFile().lastModified() >= startedMillis).map(p -> p.getFileName().toString()))
                    .as("an aborted run leaves no request log behind").noneMatch(n -> n.startsWith("requests-EmbeddingsBenchmarkSimulation-"));
        }

        Throwable warming = catchThrowable(() -> InProcessGatling.run(EmbeddingsBenchmarkSimulation.class,
                with("emulator.inference.warmup-duration", "60s")));
        assertThat(rootMessage(warming)).contains("target not ready: warm-up not done");
        assertThat(LlmRun.current().metrics().overall("embeddings").requests()).isZero();
    }

    private static String rootMessage(Throwable t) {
        assertThat(t).as("the run must stop").isNotNull();
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) all.append(c.getMessage()).append(" | ");
        return all.toString();
    }
}
