package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.EmulatorFixture;
import io.llmload.emulator.LlmEndpointEmulator;
import io.llmload.simulations.NewsCategorizationSimulation;
import io.llmload.sink.InfluxServer;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

/**
 * The nightly soak's watch against the emulator's ground truth: a server that starts failing at a
 * known time raises a live alert within one interval plus one window, written to the real influxd;
 * a server answering 503 to everything stops the run within the abort window; a server that does not
 * serve the model stops it before load.
 */
class LiveWatchIT {

    private static final long INTERVAL_MILLIS = 1_000;
    private static final long WINDOW_MILLIS = 3_000;
    private static final long ERRORS_FROM_MILLIS = 4_000;

    private static Map<String, String> news(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(Map.of(
                "news.levels", "4", "news.slo-level", "4", "news.max-tokens", "20", "news.validate-json-answer", "false",
                "emulator.decode-step-base", "2ms", "alerts.interval", INTERVAL_MILLIS + "ms", "alerts.window", WINDOW_MILLIS + "ms",
                "alerts.min-requests", "5"));
        all.putAll(extra);
        return all;
    }

    @Test
    void aServerThatStartsFailingMidRunRaisesALiveAlertWithinOneIntervalAndOneWindowAndARunWithoutNone() throws Exception {
        try (InfluxServer influx = InfluxServer.start()) {
            Map<String, String> sink = Map.of("influx.enabled", "true", "influx.url", influx.url(), "influx.flush-interval", "200ms",
                    "news.hold-time", "9s", "abort.max-error-share", "100");
            try (Served served = Served.run(NewsCategorizationSimulation.class, InProcessGatling.overrides(news(sink), Map.of(
                    "emulator.faults.error-rate", "0.5", "emulator.faults.error-status", "503", "emulator.faults.errors-from", ERRORS_FROM_MILLIS + "ms")))) {
                RunResult run = served.result();
                // the ground truth: the first request the emulator failed, on the client's clock
                long firstFailure = run.requests().stream().filter(r -> !r.get("ok").asBoolean())
                        .mapToLong(r -> r.get("start_ms").asLong()).min().orElseThrow();
                QueryResult alerts = influx.query("llmload", "SELECT \"text\", measured FROM llmload_alert WHERE run_id = '"
                        + run.summary().get("run_id").asText() + "' AND alert = 'success-warning' AND state = 'firing'");
                List<Object> first = alerts.getResults().get(0).getSeries().get(0).getValues().get(0);
                long firedAt = Instant.parse((String) first.get(0)).toEpochMilli();
                System.out.printf("live alert: fired %d ms after the first injected failure (interval %d ms + window %d ms)%n",
                        firedAt - firstFailure, INTERVAL_MILLIS, WINDOW_MILLIS);
                assertThat(firedAt - firstFailure).as("alert after the change, ms").isBetween(0L, INTERVAL_MILLIS + WINDOW_MILLIS + 500);
                assertThat((String) first.get(1)).isEqualTo("success-rate over the last 3 s >= 95 %");
                assertThat((Double) first.get(2)).isLessThan(95.0);
                assertThat(run.console()).containsPattern("\\[llmload] \\d\\d:\\d\\d:\\d\\d ALERT success-warning: success-rate over the last 3 s >= 95 %, measured ");
                JsonNode fired = run.section("live_alerts").get("fired");
                assertThat(fired).extracting(a -> a.get("alert").asText()).contains("success-warning", "success-critical");
                assertThat(run.file("llm-summary.md")).contains("## Live alerts", "| success-warning | success-rate over the last 3 s >= 95 % |");
            }
            RunResult calm = RunResult.of(NewsCategorizationSimulation.class, news(sink));
            assertThat(calm.section("live_alerts").get("fired")).isEmpty();
            assertThat(calm.console()).doesNotContain("ALERT");
            assertThat(influx.number("llmload", "SELECT count(measured) FROM llmload_alert WHERE run_id = '"
                    + calm.summary().get("run_id").asText() + "'")).isZero();
        }
    }

    @Test
    void anEndpointAnswering503ToEverythingStopsTheRunWithinTheAbortWindowSayingWhy() throws Exception {
        RunResult run = RunResult.of(NewsCategorizationSimulation.class, news(Map.of(
                "news.hold-time", "60s", "emulator.faults.error-rate", "1", "emulator.faults.error-status", "503",
                "abort.window", "2s", "abort.min-requests", "10")));
        assertThat(run.exit()).as("the SLO gate never ran: Gatling's assertions fail").isEqualTo(2);
        RunResult.Level overall = run.overall("categorise");
        System.out.printf("early stop: the run with a 60 s hold sent load for %.2f s and ended after %d ms%n",
                overall.windowSeconds(), run.elapsedMillis());
        // the load's own span, from the first request sent to the last answer: what the stop cuts short
        // (the wall time around the run also holds this JVM's start-up work and GC, and once took 112 s on a busy CI machine)
        assertThat(overall.windowSeconds()).as("load stopped long before the 60 s hold").isLessThan(20.0);
        if (run.elapsedMillis() > 25_000) System.err.println("slow early-stopped run; its console:\n" + run.console());
        assertThat(run.elapsedMillis()).as("the run ended before its 60 s hold would have").isLessThan(60_000);
        assertThat(run.console()).containsPattern("STOPPING THE RUN: 100 % of the \\d+ requests that ended in the last 2 s failed");
        assertThat(run.section("stopped_early").get("reason").asText()).matches(
                "stopped early at \\d\\d:\\d\\d:\\d\\d UTC: 100 % of the \\d+ requests that ended in the last 2 s failed \\(abort.max-error-share = 90 %\\)");
        assertThat(overall.requests()).as("what was measured is reported").isPositive();
        // no request recorded after the summary's figures were taken: req/s is the requests over the window,
        // up to the two-decimal rounding of both (req/s ± 0.005, window ± 0.005 s)
        double window = overall.windowSeconds();
        assertThat(overall.requestsPerSecond()).isCloseTo(overall.requests() / window,
                within(0.005 + overall.requests() * 0.005 / (window * (window - 0.005))));
        assertThat(run.file("llm-summary.md")).contains("**Did not complete: stopped early at ");
    }

    @Test
    void aTargetThatDoesNotServeTheModelStopsBeforeLoadNamingTheServedModels() {
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of())) {
            Throwable stopped = catchThrowable(() -> RunResult.of(NewsCategorizationSimulation.class, news(Map.of(
                    "news.hold-time", "2s", "target.base-url", emulator.baseUrl(), "target.model", "Qwen/Qwen3-8B"))));
            assertThat(stopped).as("the run must stop").isNotNull();
            StringBuilder all = new StringBuilder();
            for (Throwable c = stopped; c != null; c = c.getCause()) all.append(c.getMessage()).append(" | ");
            assertThat(all.toString()).contains("target.model: \"Qwen/Qwen3-8B\" is not served by " + emulator.baseUrl()
                    + "; it serves: " + EmulatorFixture.MODEL);
            assertThat(emulator.groundTruth().all()).as("no request was sent").isEmpty();
        }
    }
}
