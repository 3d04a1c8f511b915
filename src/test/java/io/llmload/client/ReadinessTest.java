package io.llmload.client;

import io.llmload.client.runpod.RunPodEndpoint;
import io.llmload.emulator.EmulatorFixture;
import io.llmload.emulator.LlmEndpointEmulator;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe before load, against the emulator: what it lets through, and the one line it stops a run with. */
class ReadinessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Readiness.KeySource KEY = new Readiness.KeySource("target.api-key-env", "LLMLOAD_API_KEY");

    private static Readiness readiness(Duration wait) {
        return new Readiness(TIMEOUT, 1 << 20, wait);
    }

    private static Endpoint endpoint(LlmEndpointEmulator emulator, String key) {
        return new Endpoint(URI.create(emulator.baseUrl()), key, TIMEOUT);
    }

    @Test
    void aServerThatServesTheModelIsReady() {
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of())) {
            assertThat(readiness(Duration.ZERO).requireModel(endpoint(emulator, null), EmulatorFixture.MODEL, KEY))
                    .isEqualTo("serves " + EmulatorFixture.MODEL + "; /health 200");
        }
    }

    @Test
    void aModelNotServedStopsTheRunNamingTheServedModelsWithoutWaiting() {
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> readiness(Duration.ofSeconds(30)).requireModel(endpoint(emulator, null), "Qwen/Qwen3-8B", KEY))
                    .isInstanceOf(Readiness.NotReady.class)
                    .hasMessage("target.model: \"Qwen/Qwen3-8B\" is not served by " + emulator.baseUrl() + "; it serves: " + EmulatorFixture.MODEL);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aRefusedOrMissingKeyNamesTheVariableNotTheKey() {
        String canary = "sk-canary-" + System.nanoTime();
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of("api-key", canary))) {
            assertThatThrownBy(() -> readiness(Duration.ZERO).requireModel(endpoint(emulator, null), EmulatorFixture.MODEL, KEY))
                    .hasMessage("target.api-key-env: GET " + emulator.baseUrl() + "/v1/models answered HTTP 401: the server wants a key and $LLMLOAD_API_KEY is not set");
            assertThatThrownBy(() -> readiness(Duration.ZERO).requireModel(endpoint(emulator, "sk-wrong"), EmulatorFixture.MODEL, KEY))
                    .hasMessageEndingWith("answered HTTP 401: the key in $LLMLOAD_API_KEY was refused")
                    .hasMessageNotContaining("sk-wrong");
            assertThat(readiness(Duration.ZERO).requireModel(endpoint(emulator, canary), EmulatorFixture.MODEL, KEY)).startsWith("serves ");
        }
    }

    @Test
    void nothingListeningIsOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Endpoint nowhere = new Endpoint(URI.create("http://127.0.0.1:" + port), null, TIMEOUT);
        assertThatThrownBy(() -> readiness(Duration.ZERO).requireModel(nowhere, "m", KEY))
                .hasMessage("target not ready: nothing answers at http://127.0.0.1:" + port
                        + " (connection refused) (target.ready-wait gives a starting server time)");
    }

    /** llama.cpp's server answers 503 "Loading model" while it loads: ready-wait waits it out, no wait stops the run. */
    @Test
    void aServerStillLoadingIsWaitedForWithinReadyWait() {
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of("faults.loading-time", "2s"))) {
            assertThatThrownBy(() -> readiness(Duration.ZERO).requireModel(endpoint(emulator, null), EmulatorFixture.MODEL, KEY))
                    .hasMessage("target not ready: GET " + emulator.baseUrl() + "/health answered HTTP 503 (model still loading?)"
                            + " (target.ready-wait gives a starting server time)");
            long start = System.nanoTime();
            assertThat(readiness(Duration.ofSeconds(10)).requireModel(endpoint(emulator, null), EmulatorFixture.MODEL, KEY)).startsWith("serves ");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(4));
        }
    }

    @Test
    void aRunPodEndpointIsAskedForItsHealthWithTheRunsKey() {
        Readiness.KeySource runpodKey = new Readiness.KeySource("runpod.api-key-env", "RUNPOD_API_KEY");
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of())) {
            URI base = URI.create(emulator.baseUrl());
            assertThat(readiness(Duration.ZERO).requireRunPod(new RunPodEndpoint(base, "emulated-endpoint", null), runpodKey))
                    .startsWith("RunPod /health 200 (workers ready ");
            assertThatThrownBy(() -> readiness(Duration.ZERO).requireRunPod(new RunPodEndpoint(base, "no-such-endpoint", null), runpodKey))
                    .hasMessage("runpod.endpoint-id: GET " + base + "/v2/no-such-endpoint/health answered HTTP 404: no endpoint \"no-such-endpoint\" there");
        }
    }
}
