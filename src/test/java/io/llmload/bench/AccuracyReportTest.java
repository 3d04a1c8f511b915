package io.llmload.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AccuracyReportTest {

    @Test
    void errorsAreMeasuredAgainstBothEndsOfTheEmulatorsWriteAndOnlyForSuccessfulTracedRequests(@TempDir Path dir) throws Exception {
        Path requests = Files.writeString(dir.resolve("llm-requests.jsonl"), String.join("\n",
                "{\"id\":\"a\",\"ok\":true,\"send_nanos\":1000000,\"ttft_ms\":2.0,\"e2e_ms\":5.0}",
                "{\"id\":\"failed\",\"ok\":false,\"send_nanos\":1000000,\"e2e_ms\":1.0}",
                "{\"id\":\"untraced\",\"ok\":true,\"send_nanos\":1000000,\"ttft_ms\":1.0,\"e2e_ms\":1.0}"));
        Path traces = Files.writeString(dir.resolve("emulator-traces.jsonl"), String.join("\n",
                "{\"id\":\"a\",\"arrivalNanos\":1500000,\"admittedNanos\":1600000,\"firstTokenModelNanos\":2500000,"
                        + "\"firstTokenWriteStartNanos\":2800000,\"firstTokenWrittenNanos\":2900000,"
                        + "\"completedWriteStartNanos\":5900000,\"completedWrittenNanos\":6100000}",
                "{\"id\":\"failed\",\"arrivalNanos\":1500000,\"admittedNanos\":-1,\"firstTokenModelNanos\":-1,"
                        + "\"firstTokenWriteStartNanos\":-1,\"firstTokenWrittenNanos\":-1,"
                        + "\"completedWriteStartNanos\":-1,\"completedWrittenNanos\":1900000}",
                // another user's request ends in the engine step that wrote a's first token
                "{\"id\":\"b\",\"lastTokenModelNanos\":2500000}"));

        AccuracyReport report = AccuracyReport.of(requests, traces);

        assertThat(report.size()).isEqualTo(1);
        // seen first at 3.0 ms, written 2.8-2.9; last at 6.0, written 5.9-6.1; transit 0.5, queue 0.1, lag 0.3
        assertThat(report.csv().lines()).containsExactly(
                "send_s,ttft_error_ms,ttft_error_vs_write_end_ms,e2e_error_ms,e2e_error_vs_write_end_ms,"
                        + "request_transit_ms,emulator_queue_ms,emulator_lag_ms,ended_in_first_token_step",
                "0.000,0.200,0.100,0.100,-0.100,0.500,0.100,0.300,1.000");
        assertThat(report.text(0)).contains("TTFT error (client saw first chunk - emulator began writing it) ms: p50 0.200",
                "  0 ended: no samples", "  1 ended ms: p50 0.200  p90 0.200  p99 0.200  max 0.200  (n=1)");
    }
}
