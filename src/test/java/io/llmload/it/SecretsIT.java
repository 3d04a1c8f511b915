package io.llmload.it;

import io.llmload.simulations.NewsCategorizationSimulation;
import io.llmload.simulations.RunPodRampSimulation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key (a canary from the environment, set by Maven for the tests) is sent but never written:
 * not in the console, the logs, Gatling's simulation.log, the summaries, the request log or the JUnit files.
 */
class SecretsIT {

    private static final String CANARY_VARIABLE = RunResult.CANARY_VARIABLE;

    @Test
    void theApiKeyAppearsInNoFileAndNoOutputOfARun() throws Exception {
        String canary = System.getenv(CANARY_VARIABLE);
        assertThat(canary).as("set by the surefire configuration in pom.xml").isNotBlank();
        long startedAt = System.currentTimeMillis() - 1000;
        Map<String, String> runpod = Map.of(
                "runpod.api-key-env", CANARY_VARIABLE, "target.api-key-env", CANARY_VARIABLE,
                "emulator.runpod.decode-step", "2ms", "emulator.runpod.dispatch-delay", "10ms",
                "runpod.health-poll-interval", "100ms", "runpod.ramp.levels", "2", "runpod.ramp.jobs-per-level", "4");
        // accepted: the emulator demands exactly the canary
        RunResult accepted = RunResult.of(RunPodRampSimulation.class, InProcessGatling.overrides(runpod, Map.of("emulator.api-key", canary)));
        assertThat(accepted.exit()).isZero();
        assertThat(accepted.overall("job").ok()).isEqualTo(4);
        // refused: the emulator wants another key, every job is a 401 KO
        RunResult refused = RunResult.of(RunPodRampSimulation.class, InProcessGatling.overrides(runpod, Map.of("emulator.api-key", "another-key", "target.ready-check", "false")));
        assertThat(refused.overall("job").failures()).containsOnlyKeys("HTTP 401 unauthorized: Unauthorized: missing or invalid API key");
        // nothing listening: connection errors with the key in the request
        RunResult nobody = RunResult.of(RunPodRampSimulation.class, InProcessGatling.overrides(runpod, Map.of("target.base-url", "http://127.0.0.1:" + freePort(), "target.ready-check", "false")));
        assertThat(nobody.overall("job").ko()).isEqualTo(4);
        // the OpenAI-compatible side sends the same key as a Bearer token
        RunResult news = RunResult.of(NewsCategorizationSimulation.class, Map.of("target.api-key-env", CANARY_VARIABLE,
                "emulator.api-key", canary, "news.levels", "2", "news.slo-level", "2", "news.hold-time", "1s", "news.max-tokens", "10",
                "news.validate-json-answer", "false", "emulator.decode-step-base", "2ms"));
        assertThat(news.overall("categorise").ok()).isPositive();

        List<Path> written = RunResult.filesWrittenSince(startedAt);
        assertThat(written).as("reports, request logs, simulation.log, JUnit files")
                .anyMatch(p -> p.getFileName().toString().equals("simulation.log"))
                .anyMatch(p -> p.getFileName().toString().equals("llm-requests.jsonl"))
                .anyMatch(p -> p.getFileName().toString().equals("llm-summary.json"));
        for (Path file : written) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("%s", file).doesNotContain(canary);
        }
        for (RunResult run : List.of(accepted, refused, nobody, news)) {
            assertThat(run.console()).as("console").doesNotContain(canary);
        }
        assertThat(news.console()).contains("API key from $" + CANARY_VARIABLE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
