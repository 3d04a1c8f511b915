package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.EmulatorFixture;
import io.llmload.emulator.LlmEndpointEmulator;
import io.llmload.emulator.inference.InferenceServer;
import io.llmload.simulations.AudioBenchmarkSimulation;
import io.llmload.simulations.ChatBenchmarkSimulation;
import io.llmload.simulations.EmbeddingsBenchmarkSimulation;
import io.llmload.simulations.MixedTrafficSimulation;
import io.llmload.simulations.VisionBenchmarkSimulation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The inference-server workloads against the emulator in that server's shape, checked against its counters. */
class InferenceServerIT {

    private static Map<String, String> with(String... pairs) {
        Map<String, String> out = new HashMap<>(Map.of("inference.metrics-interval", "500ms", "emulator.flavour", "inference-server"));
        for (int i = 0; i < pairs.length; i += 2) out.put(pairs[i], pairs[i + 1]);
        return out;
    }

    private static JsonNode view(RunResult run, String capability) {
        return run.section("server_view").get(capability);
    }

    private static long serverCount(RunResult run, String capability, int status) {
        return view(run, capability).path("server_requests_by_status").path(String.valueOf(status)).asLong(0);
    }

    @Test
    void aSmallQueueGives429sAndTheSuiteCountsExactlyTheServersRejections() {
        try (Served served = Served.run(EmbeddingsBenchmarkSimulation.class, with("emulator.inference.max-concurrent", "1",
                "emulator.inference.max-queue-size", "2", "emulator.inference.embedding.batching", "false",
                "emulator.inference.embedding.base-cost", "30ms", "inference.embeddings.requests", "60",
                "inference.embeddings.repeat-share", "0"))) {
            RunResult run = served.result();
            RunResult.Level embeddings = run.overall("embeddings");
            long client429 = embeddings.statuses().getOrDefault(429, 0L);
            assertThat(client429).isPositive();
            assertThat(served.emulator().inferenceServer().rejectionsTotal()).isEqualTo(client429);
            assertThat(run.section("server_view").get("embedding_queue_rejections").asLong()).isEqualTo(client429);
            assertThat(serverCount(run, "embedding", 429)).isEqualTo(client429);
            assertThat(serverCount(run, "embedding", 200)).isEqualTo(embeddings.ok());
            assertThat(embeddings.failures()).containsOnlyKeys("HTTP 429: server busy: the request queue is full");
        }
    }

    @Test
    void audioLoadRaisesChatQueueWait() {
        // about 2 chat users alone, then about 2 chat users beside about 1 audio user (holding a permit most of the time)
        Map<String, String> closed = Map.of("inference.mixed.model", "closed", "inference.mixed.duration", "10s",
                "emulator.inference.max-concurrent", "2", "emulator.inference.audio.real-time-factor", "0.15",
                // unbatched chat: two chat requests need two permits, so a permit held by audio is felt
                "emulator.inference.chat.batching", "false");
        double chatAlone;
        try (Served served = Served.run(MixedTrafficSimulation.class, InProcessGatling.overrides(with("inference.mixed.concurrency", "2",
                "inference.mixed.weights.embeddings", "0", "inference.mixed.weights.chat", "100", "inference.mixed.weights.audio", "0"), closed))) {
            chatAlone = view(served.result(), "chat").get("server_queue_wait_mean_ms").asDouble();
        }
        try (Served served = Served.run(MixedTrafficSimulation.class, InProcessGatling.overrides(with("inference.mixed.concurrency", "3",
                "inference.mixed.weights.embeddings", "0", "inference.mixed.weights.chat", "67", "inference.mixed.weights.audio", "33"), closed))) {
            RunResult run = served.result();
            double chatWithAudio = view(run, "chat").get("server_queue_wait_mean_ms").asDouble();
            assertThat(run.overall("audio").ok()).isPositive();
            System.out.printf("chat queue wait: alone %.1f ms, with audio %.1f ms; chat %s, audio %s, audio view %s%n", chatAlone, chatWithAudio,
                    run.overall("chat").statuses(), run.overall("audio").statuses(), view(run, "audio"));
            // who waits for a permit depends on arrival order: runs here saw chat wait 15-140 ms (and audio the rest) against 0.2-0.3 ms alone
            assertThat(chatWithAudio).as("chat queue wait with audio (ms) vs alone %.1f ms", chatAlone).isGreaterThan(chatAlone * 1.5 + 10);
        }
    }

    @Test
    void visionRequestsSendTheImageAsADataUrl() {
        try (Served served = Served.run(MixedTrafficSimulation.class, with("inference.mixed.model", "closed", "inference.mixed.concurrency", "2",
                "inference.mixed.duration", "2s", "inference.mixed.weights.embeddings", "0", "inference.mixed.weights.chat", "0",
                "inference.mixed.weights.vision", "100", "inference.mixed.weights.audio", "0"))) {
            RunResult.Level vision = served.result().overall("vision");
            assertThat(vision.requests()).isPositive();
            assertThat(vision.ok()).isEqualTo(vision.requests());
            assertThat(serverCount(served.result(), "chat", 200)).isEqualTo(vision.ok());
            assertThat(vision.outputTokens()).as("usage from the server").isPositive();
        }
    }

    /** The guide's vision benchmark: every request carries its image, which the server checked and paid a vision pass for. */
    @Test
    void theVisionBenchmarkSendsEveryImageAndPaysItsVisionCost() {
        try (Served served = Served.run(VisionBenchmarkSimulation.class, with("inference.vision.requests", "6", "inference.vision.concurrency", "2",
                "emulator.inference.chat.vision-cost", "150ms"))) {
            RunResult run = served.result();
            assertThat(run.exit()).isZero();
            RunResult.Level vision = run.overall("vision");
            assertThat(vision.requests()).isEqualTo(6);
            assertThat(vision.ok()).isEqualTo(6);
            assertThat(served.emulator().inferenceServer().imagesReceived()).as("images the server checked").isEqualTo(6);
            assertThat(serverCount(run, "chat", 200)).isEqualTo(6);
            assertThat(vision.e2e().percentileMillis(50)).as("each image costs a 150 ms vision pass").isGreaterThanOrEqualTo(150.0);
        }
    }

    /** The mixed workload's default, the open model: Poisson arrivals at the requested rate, achieved within tolerance. */
    @Test
    void theOpenModelOfTheMixedWorkloadAchievesItsRequestedRate() {
        try (Served served = Served.run(MixedTrafficSimulation.class, with("inference.mixed.model", "open", "inference.mixed.rate", "40",
                "inference.mixed.duration", "5s", "inference.mixed.weights.embeddings", "100", "inference.mixed.weights.chat", "0",
                "inference.mixed.weights.audio", "0", "inference.mixed.weights.vision", "0"))) {
            RunResult run = served.result();
            JsonNode fidelity = run.section("load_fidelity");
            assertThat(fidelity.get("requested_rate_per_s").asDouble()).isEqualTo(40.0);
            // 200 arrivals expected, a Poisson count's standard deviation is about 14: within 25 % is over 3 sigma
            assertThat(fidelity.get("achieved_rate_per_s").asDouble()).isBetween(30.0, 50.0);
            long sent = run.overall("embeddings").requests();
            assertThat(sent).isEqualTo(serverCount(run, "embedding", 200) + serverCount(run, "embedding", 429));
            assertThat(fidelity.get("achieved_rate_per_s").asDouble()).isCloseTo(sent / 5.0, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    /** The guide's counters: OOM retries, requeues, the warm-up pool and the share of queue waits over 0.1 s and 1 s. */
    @Test
    void theServersOwnCountersAreReadAsTheEmulatorCountedThem() throws Exception {
        try (Served served = Served.run(ChatBenchmarkSimulation.class, with("inference.chat.requests", "24", "inference.chat.concurrency", "6",
                "emulator.inference.max-concurrent", "1", "emulator.inference.chat.batch-max-size", "2",
                "emulator.inference.chat.oom-every", "3", "emulator.inference.chat.requeue-every", "4",
                // all six users start together, so the batch window fills to two from the first batch on; spread over
                // a second, they arrive one by one and a batch of two forms only when two answers happen to coincide
                "injector.level-start-spread", "0s"))) {
            RunResult run = served.result();
            InferenceServer server = served.emulator().inferenceServer();
            JsonNode view = run.section("server_view");
            assertThat(view.get("chat_batch_oom_retries").asLong()).isEqualTo(server.chatBatchesRun() / 3).isPositive();
            assertThat(view.get("chat_batch_requeues").asLong()).isEqualTo(server.chatRequeues()).isPositive();
            assertThat(view.get("warmup_pool_ready_workers").asDouble()).as("max-concurrent 1, three capabilities").isEqualTo(3.0);
            // the share from the server's own histogram, read here from its final exposition
            String text = EmulatorFixture.get(served.emulator(), "/metrics").body();
            double count = bucket(text, "+Inf");
            double over100ms = 100 * (count - bucket(text, "0.1")) / count;
            double over1s = 100 * (count - bucket(text, "1.0")) / count;
            assertThat(view.get("chat").get("queue_waits_over100ms_pct").asDouble()).isCloseTo(over100ms, org.assertj.core.data.Offset.offset(1e-6)).isPositive();
            assertThat(view.get("chat").get("queue_waits_over1s_pct").asDouble()).isCloseTo(over1s, org.assertj.core.data.Offset.offset(1e-6))
                    .isLessThanOrEqualTo(over100ms);
            assertThat(run.file("llm-summary.md")).contains("chat batch OOM retries: " + server.chatBatchesRun() / 3);
        }
    }

    private static double bucket(String exposition, String le) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("chat_request_queue_wait_seconds_bucket{le=\"" + le + "\"")) total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return total;
    }

    @Test
    void batchingRaisesEmbeddingThroughput() {
        Map<String, String> base = with("emulator.inference.max-concurrent", "1", "emulator.inference.embedding.cache-size", "0",
                "emulator.inference.embedding.batch-window", "10ms", "inference.embeddings.concurrency", "16",
                "inference.embeddings.requests", "240");
        double unbatched;
        double unbatchedSize;
        try (Served served = Served.run(EmbeddingsBenchmarkSimulation.class,
                InProcessGatling.overrides(base, Map.of("emulator.inference.embedding.batching", "false")))) {
            unbatched = served.result().level("embeddings", 16).requestsPerSecond();
            unbatchedSize = view(served.result(), "embedding").get("batch_size_mean").asDouble();
        }
        try (Served served = Served.run(EmbeddingsBenchmarkSimulation.class,
                InProcessGatling.overrides(base, Map.of("emulator.inference.embedding.batching", "true")))) {
            double batched = served.result().level("embeddings", 16).requestsPerSecond();
            assertThat(unbatchedSize).isEqualTo(1.0);
            assertThat(view(served.result(), "embedding").get("batch_size_mean").asDouble()).isGreaterThan(1.5);
            assertThat(batched).as("req/s batched vs %.1f unbatched", unbatched).isGreaterThan(unbatched * 1.3);
        }
    }

    @Test
    void repeatedTextsShowCacheHitsInTheScrapedMetrics() {
        try (Served served = Served.run(EmbeddingsBenchmarkSimulation.class, with("inference.embeddings.requests", "60",
                "inference.embeddings.repeat-share", "0.5"))) {
            long hits = served.result().section("server_view").get("embedding_cache_hits").asLong();
            assertThat(hits).isPositive().isEqualTo(served.emulator().inferenceServer().cacheHits());
            assertThat(hits + served.result().section("server_view").get("embedding_cache_misses").asLong()).isEqualTo(60);
        }
    }

    @Test
    void guardsTimeoutsAndWarmUpAreKosByStatusThatMatchTheServersCounts() {
        try (Served served = Served.run(EmbeddingsBenchmarkSimulation.class, with("emulator.inference.max-text-chars", "100",
                "inference.embeddings.requests", "30", "inference.embeddings.repeat-share", "0"))) {
            long tooLong = served.result().overall("embeddings").statuses().getOrDefault(400, 0L);
            assertThat(tooLong).isPositive().isEqualTo(serverCount(served.result(), "embedding", 400));
        }

        try (Served served = Served.run(AudioBenchmarkSimulation.class, with("emulator.inference.max-audio-bytes", "180000",
                "inference.audio.requests", "12"))) {
            RunResult.Level audio = served.result().overall("audio");
            assertThat(audio.statuses()).containsEntry(413, 10L).containsEntry(200, 2L);   // 5 of the 6 clips are over 180 kB
            assertThat(serverCount(served.result(), "audio", 413)).isEqualTo(10);
            assertThat(audio.failures().keySet()).allMatch(k -> k.startsWith("HTTP 413: audio file of "));
        }

        try (Served served = Served.run(ChatBenchmarkSimulation.class, with("emulator.inference.chat.generate-timeout", "100ms",
                "inference.chat.requests", "10"))) {
            assertThat(served.result().overall("chat").statuses()).containsEntry(504, 10L);
            assertThat(serverCount(served.result(), "chat", 504)).isEqualTo(10);
        }

        try (Served served = Served.run(EmbeddingsBenchmarkSimulation.class, with("emulator.inference.warmup-duration", "60s",
                "inference.require-warm", "false", "inference.embeddings.requests", "10", "inference.embeddings.repeat-share", "0"))) {
            assertThat(served.result().overall("embeddings").statuses()).containsEntry(503, 10L);
            assertThat(serverCount(served.result(), "embedding", 503)).isEqualTo(10);
        }
    }

    @Test
    void aClientThatGivesUpIsA499OnTheServer() throws Exception {
        // the server finishes its queue after the run ends: the test waits for it
        try (Served served = Served.run(EmbeddingsBenchmarkSimulation.class, with("emulator.inference.max-concurrent", "1",
                "emulator.inference.embedding.batching", "false", "emulator.inference.embedding.base-cost", "300ms",
                "target.request-timeout", "200ms", "inference.embeddings.requests", "8", "inference.embeddings.repeat-share", "0"))) {
            RunResult.Level embeddings = served.result().overall("embeddings");
            long clientTimeouts = embeddings.statuses().getOrDefault(0, 0L);
            assertThat(clientTimeouts).isEqualTo(8);
            assertThat(embeddings.failures()).containsOnlyKeys("timeout after 200 ms (no response)");
            InferenceServer server = served.emulator().inferenceServer();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.requestsWithStatus("embedding", 499) < clientTimeouts && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(server.requestsWithStatus("embedding", 499)).as("server-side 499s = client give-ups").isEqualTo(clientTimeouts);
            assertThat(server.requestsWithStatus("embedding", 200)).isZero();
        }
    }

    @Test
    void anUnhealthyOrWarmingServerStopsTheRunBeforeLoadWithTheReason() throws Exception {
        long startedMillis = System.currentTimeMillis() - 1000;
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of("flavour", "inference-server", "inference.health-status", "unhealthy"))) {
            Throwable unhealthy = catchThrowable(() -> RunResult.of(EmbeddingsBenchmarkSimulation.class,
                    InProcessGatling.overrides(with(), EmulatorFixture.target(emulator))));
            assertThat(rootMessage(unhealthy)).contains("target not ready: GET /health answered HTTP 503, status \"unhealthy\"");
            assertThat(emulator.inferenceServer().requestsWithStatus("embedding", 200)).as("no request was sent").isZero();
        }
        try (var left = Files.list(Path.of("target", "llmload"))) {
            assertThat(left.filter(p -> p.toFile().lastModified() >= startedMillis).map(p -> p.getFileName().toString()))
                    .as("an aborted run leaves no request log behind").noneMatch(n -> n.startsWith("requests-EmbeddingsBenchmarkSimulation-"));
        }

        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of("flavour", "inference-server", "inference.warmup-duration", "60s"))) {
            Throwable warming = catchThrowable(() -> RunResult.of(EmbeddingsBenchmarkSimulation.class,
                    InProcessGatling.overrides(with(), EmulatorFixture.target(emulator))));
            assertThat(rootMessage(warming)).contains("target not ready: warm-up not done");
            assertThat(emulator.inferenceServer().requestsWithStatus("embedding", 503)).as("no request was sent").isZero();
        }
    }

    private static String rootMessage(Throwable t) {
        assertThat(t).as("the run must stop").isNotNull();
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) all.append(c.getMessage()).append(" | ");
        return all.toString();
    }
}
