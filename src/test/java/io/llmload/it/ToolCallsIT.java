package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.RequestTrace;
import io.llmload.simulations.ServingBenchmarkSimulation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.llmload.it.InProcessGatling.median;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tool calls and structured output against the emulator: streamed {@code delta.tool_calls} are
 * assembled and checked against the function's parameters; the time to the complete call matches the
 * emulator's stamp; arguments the emulator breaks are the named KO; a response_format answer is checked
 * against its schema.
 */
class ToolCallsIT {

    private static Map<String, String> keys(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "emulator.decode-step-base", "3ms", "emulator.decode-step-per-sequence", "0ms", "emulator.prefill-per-token", "1us",
                "serving.output-length", "max-tokens", "serving.levels", "4", "serving.hold-time", "3s",
                "serving.dataset.synthetic.output-tokens.distribution", "fixed", "serving.dataset.synthetic.output-tokens.mean", "64",
                "serving.dataset.synthetic.output-tokens.min", "64", "serving.dataset.synthetic.output-tokens.max", "64"));
        keys.putAll(extra);
        return keys;
    }

    @Test
    void aValidStreamedCallPassesAndItsTimeToTheCompleteCallMatchesTheEmulator() throws Exception {
        try (Served served = Served.run(ServingBenchmarkSimulation.class, keys(Map.of(
                "serving.tools.file", "tools/weather-tools.json", "serving.tools.choice", "get_weather")))) {
            RunResult run = served.result();
            assertThat(run.exit()).as(run.console()).isZero();
            List<Double> error = new ArrayList<>();
            int measured = 0;
            for (JsonNode r : run.requests()) {
                assertThat(r.get("ok").asBoolean()).as("%s", r).isTrue();
                RequestTrace t = served.emulator().groundTruth().find(r.get("id").asText()).orElseThrow();
                assertThat(t.finishReason()).isEqualTo("tool_calls");
                assertThat(r.get("output_tokens").asInt()).isEqualTo(t.completionTokens());
                // the call is complete with its last piece, written just before the stream's end
                error.add(r.get("tool_call_ms").asDouble() - (t.completedWriteStartNanos() - t.arrivalNanos()) / 1e6);
                if (!r.path("warm_up").asBoolean()) measured++;
            }
            System.out.printf("tool calls: %d, time to the complete call minus the emulator's last write, median %.2f ms%n", error.size(), median(error));
            assertThat(median(error)).isBetween(-3.0, 3.0);
            assertThat(run.level("generate", 4).json().get("tool_call_ms").get("count").asInt()).isEqualTo(measured);
            assertThat(run.file("llm-summary.md")).contains("Time to the complete tool call, p50 / p95 ms: c=4 ");
        }
    }

    @Test
    void argumentsThatAreNotJsonAreTheNamedKo() throws Exception {
        try (Served served = Served.run(ServingBenchmarkSimulation.class, keys(Map.of(
                "serving.tools.file", "tools/weather-tools.json", "serving.tools.choice", "required",
                "emulator.faults.broken-tool-call-rate", "1", "serving.hold-time", "2s")))) {
            RunResult run = served.result();
            assertThat(run.exit()).as("the success SLO fails").isEqualTo(2);
            List<JsonNode> requests = run.requests();
            assertThat(requests).isNotEmpty().allSatisfy(r -> {
                assertThat(r.get("ok").asBoolean()).isFalse();
                assertThat(r.get("failure_kind").asText()).isEqualTo("invalid_tool_call");
                assertThat(r.get("failure").asText()).isEqualTo("tool call arguments are not a JSON object");
            });
            assertThat(served.emulator().groundTruth().all()).hasSize(requests.size());
        }
    }

    @Test
    void structuredOutputIsCheckedAgainstItsSchema() throws Exception {
        try (Served served = Served.run(ServingBenchmarkSimulation.class, keys(Map.of(
                "serving.response-format.file", "tools/ticket-schema.json")))) {
            RunResult run = served.result();
            assertThat(run.exit()).as(run.console()).isZero();
            assertThat(run.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.get("ok").asBoolean()).isTrue());
        }
    }
}
