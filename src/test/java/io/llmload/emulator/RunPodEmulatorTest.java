package io.llmload.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.emulator.runpod.JobTrace;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulator's RunPod serverless API, over HTTP, against its own ground truth. */
class RunPodEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/v2/emulated-endpoint/";
    private static final String INPUT = "{\"input\":{\"prompt\":\"Give concise career advice.\",\"sampling_params\":{\"max_tokens\":50}}}";

    private static LlmEndpointEmulator start(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(Map.of("runpod.decode-step", "2ms", "runpod.dispatch-delay", "30ms"));
        all.putAll(overrides);
        return LlmEndpointEmulator.start(EmulatorFixture.settings(all));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void runsyncAnswersTheCompletedJobWithDelayAndExecutionTimeInMilliseconds() throws Exception {
        try (LlmEndpointEmulator emulator = start(Map.of())) {
            JsonNode job = json(EmulatorFixture.post(emulator, BASE + "runsync", INPUT));
            assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
            JobTrace truth = emulator.runPod().finishedJobs().get(0);
            assertThat(job.get("id").asText()).isEqualTo(truth.id());
            assertThat(job.get("delayTime").asLong()).isEqualTo(truth.delayTimeMillis()).isBetween(30L, 60L);
            // max_tokens 50 cuts the ~130-token answer: 50 steps of 2 ms
            assertThat(job.get("executionTime").asLong()).isEqualTo(truth.executionTimeMillis()).isBetween(100L, 130L);
            assertThat(job.at("/output/0/usage/output").asInt()).isEqualTo(50).isEqualTo(truth.outputTokens());
            assertThat(job.at("/output/0/usage/input").asInt()).isEqualTo(truth.promptTokens()).isPositive();
            assertThat(job.get("workerId").asText()).startsWith("emulated-endpoint-worker-");
        }
    }

    @Test
    void runReturnsAJobIdThatStatusFollowsToCompletion() throws Exception {
        try (LlmEndpointEmulator emulator = start(Map.of())) {
            JsonNode queued = json(EmulatorFixture.post(emulator, BASE + "run", INPUT));
            assertThat(queued.get("status").asText()).isEqualTo("IN_QUEUE");
            String id = queued.get("id").asText();
            JsonNode status = json(EmulatorFixture.get(emulator, BASE + "status/" + id));
            assertThat(status.get("status").asText()).isIn("IN_QUEUE", "IN_PROGRESS");
            Thread.sleep(400);
            status = json(EmulatorFixture.get(emulator, BASE + "status/" + id));
            assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(emulator.runPod().statusRequests()).isEqualTo(2);
        }
    }

    @Test
    void cancelEndsAQueuedJobAsCancelled() throws Exception {
        try (LlmEndpointEmulator emulator = start(Map.of("runpod.dispatch-delay", "5s"))) {
            String id = json(EmulatorFixture.post(emulator, BASE + "run", INPUT)).get("id").asText();
            JsonNode cancelled = json(EmulatorFixture.post(emulator, BASE + "cancel/" + id, ""));
            assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(json(EmulatorFixture.get(emulator, BASE + "status/" + id)).get("status").asText()).isEqualTo("CANCELLED");
            assertThat(emulator.runPod().finishedJobs()).extracting(JobTrace::status).containsExactly("CANCELLED");
        }
    }

    @Test
    void healthCountsWorkersAndJobsAsRunPodDoes() throws Exception {
        try (LlmEndpointEmulator emulator = start(Map.of("runpod.workers-min", "1", "runpod.workers-max", "3",
                "runpod.cold-start", "10s", "runpod.scaler-value", "1", "runpod.decode-step", "50ms"))) {
            for (int i = 0; i < 3; i++) EmulatorFixture.post(emulator, BASE + "run", INPUT);
            Thread.sleep(200);
            JsonNode health = json(EmulatorFixture.get(emulator, BASE + "health"));
            assertThat(health.at("/workers/running").asInt()).isEqualTo(1);
            assertThat(health.at("/workers/initializing").asInt()).as("REQUEST_COUNT asks for ceil(3/1) workers").isEqualTo(2);
            assertThat(health.at("/jobs/inProgress").asInt()).isEqualTo(1);
            assertThat(health.at("/jobs/inQueue").asInt()).isEqualTo(2);
            assertThat(emulator.runPod().coldStarts()).isEqualTo(2);
        }
    }

    @Test
    void aWrongKeyIsRefusedWith401AndAnUnknownEndpointWith404() throws Exception {
        try (LlmEndpointEmulator emulator = start(Map.of("api-key", "right"))) {
            assertThat(EmulatorFixture.post(emulator, BASE + "runsync", INPUT, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(EmulatorFixture.post(emulator, BASE + "runsync", INPUT).statusCode()).isEqualTo(401);
            assertThat(EmulatorFixture.post(emulator, BASE + "runsync", INPUT, "Authorization", "Bearer right").statusCode()).isEqualTo(200);
            assertThat(EmulatorFixture.post(emulator, "/v2/other/runsync", INPUT, "Authorization", "right").statusCode()).isEqualTo(404);
        }
    }
}
