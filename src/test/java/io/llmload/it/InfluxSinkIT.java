package io.llmload.it;

import io.llmload.simulations.NewsCategorizationSimulation;
import io.llmload.sink.InfluxServer;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The InfluxDB sink against a real influxd: what arrives, and what happens when InfluxDB goes away. */
class InfluxSinkIT {

    private static final String DB = "llmload";

    private static Map<String, String> newsInto(String url, Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(Map.of(
                "news.levels", "4", "news.slo-level", "4", "news.hold-time", "3s", "news.max-tokens", "20", "news.validate-json-answer", "false",
                "emulator.decode-step-base", "2ms", "influx.enabled", "true", "influx.url", url,
                "influx.flush-interval", "200ms", "influx.shutdown-timeout", "3s"));
        // the points are compared with the summary's counts: no warm-up kept apart
        all.put("news.warm-up.requests-per-user", "0");
        all.putAll(extra);
        return all;
    }

    /** The sink's account in the run's summary. */
    private static Map<String, Long> sinkInfo(RunResult run) {
        Map<String, Long> out = new TreeMap<>();
        run.section("influx").fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) out.put(e.getKey(), e.getValue().asLong());
        });
        return out;
    }

    private static String runId(RunResult run) {
        return run.summary().get("run_id").asText();
    }

    private static String where(String runId) {
        return " WHERE run_id = '" + runId + "'";
    }

    /** Every point of the run, whatever its measurement (one always-present field each). */
    private static long pointsOfRun(InfluxServer influx, String runId) {
        return influx.number(DB, "SELECT count(latency_ms) FROM llmload_request" + where(runId))
                + influx.number(DB, "SELECT count(in_flight) FROM llmload_second" + where(runId))
                + influx.number(DB, "SELECT count(\"count\") FROM llmload_errors" + where(runId))
                + influx.number(DB, "SELECT count(queued) FROM llmload_sink" + where(runId))
                + influx.number(DB, "SELECT count(event_name) FROM llmload_run" + where(runId))
                + influx.number(DB, "SELECT count(measured) FROM llmload_alert" + where(runId))
                + influx.number(DB, "SELECT count(running_requests) FROM llmload_server" + where(runId));
    }

    @Test
    void everyRequestAggregatesAndRunEventsArriveWithBoundedTagsAndNoSecrets() throws Exception {
        String canary = System.getenv("LLMLOAD_CANARY_KEY");
        try (InfluxServer influx = InfluxServer.start()) {
            RunResult run = RunResult.of(NewsCategorizationSimulation.class, newsInto(influx.url(), Map.of(
                    "emulator.faults.error-rate", "0.1", "target.api-key-env", "LLMLOAD_CANARY_KEY", "emulator.api-key", canary)));
            String id = runId(run);
            RunResult.Level overall = run.overall("categorise");
            assertThat(overall.ko()).as("injected 500s").isPositive();
            assertThat(sinkInfo(run)).containsEntry("dropped_points", 0L).containsEntry("failed_writes", 0L);
            assertThat(sinkInfo(run).get("written_points")).isEqualTo(sinkInfo(run).get("generated_points"));
            assertThat(pointsOfRun(influx, id)).isEqualTo(sinkInfo(run).get("written_points"));

            assertThat(influx.number(DB, "SELECT count(latency_ms) FROM llmload_request" + where(id))).isEqualTo(overall.requests());
            assertThat(influx.number(DB, "SELECT count(latency_ms) FROM llmload_request" + where(id) + " AND status = 'ko'")).isEqualTo(overall.ko());
            assertThat(influx.number(DB, "SELECT count(ttft_ms) FROM llmload_request" + where(id))).isEqualTo(overall.ttft().count());
            assertThat(influx.number(DB, "SELECT sum(completion_tokens) FROM llmload_request" + where(id) + " AND status = 'ok'"))
                    .isEqualTo(overall.outputTokens());
            assertThat(influx.number(DB, "SELECT sum(requests) FROM llmload_second" + where(id))).isEqualTo(overall.requests());
            assertThat(influx.number(DB, "SELECT sum(\"count\") FROM llmload_errors" + where(id))).isEqualTo(overall.ko());

            assertThat(tagValues(influx, "llmload_request", "failure_kind")).as("the stable KO kind").containsExactly("http_status");
            assertThat(tagValues(influx, "llmload_request", "level")).containsExactly("4");
            assertThat(tagKeys(influx, "llmload_request")).containsExactlyInAnyOrder(
                    "failure_kind", "injector", "level", "request", "run_id", "scenario", "simulation", "status", "target");

            QueryResult events = influx.query(DB, "SELECT event_name, config, requests FROM llmload_run" + where(id));
            List<List<Object>> rows = events.getResults().get(0).getSeries().get(0).getValues();
            assertThat(rows).extracting(r -> r.get(1)).containsExactly("start", "end");
            String config = (String) rows.get(0).get(2);
            assertThat(config).contains("\"emulator\"", "\"api-key\":\"***\"", "\"api-key-env\":\"LLMLOAD_CANARY_KEY\"").doesNotContain(canary);
            assertThat(((Number) rows.get(1).get(3)).longValue()).isEqualTo(overall.requests());
        }
    }

    @Test
    void influxDbDownFromTheStartLeavesTheRunAloneAndCountsEveryPointDropped() throws Exception {
        String nobody = "http://127.0.0.1:" + freePort();
        RunResult run = RunResult.of(NewsCategorizationSimulation.class, newsInto(nobody, Map.of("influx.shutdown-timeout", "1s")));
        RunResult.Level overall = run.overall("categorise");
        assertThat(overall.requests()).isPositive();
        assertThat(overall.ok()).as("the load test's own results").isEqualTo(overall.requests());
        Map<String, Long> info = sinkInfo(run);
        assertThat(info).containsEntry("written_points", 0L);
        assertThat(info.get("dropped_points")).isEqualTo(info.get("generated_points"));
        assertThat(info.get("generated_points")).isGreaterThan(overall.requests());
        assertThat(info.get("failed_writes")).isPositive();
        assertThat(info.get("close_ms")).as("bounded shutdown").isLessThan(1000 + 1000);
    }

    @Test
    void influxDbKilledAndRestartedMidRunGetsTheBufferedPointsAfterwards() throws Exception {
        try (InfluxServer influx = InfluxServer.start()) {
            Thread chaos = outage(influx, 2000, 2500);
            RunResult run = RunResult.of(NewsCategorizationSimulation.class, newsInto(influx.url(), Map.of("news.hold-time", "7s")));
            chaos.join();
            Map<String, Long> info = sinkInfo(run);
            assertThat(info.get("failed_writes")).as("writes failed while influxd was down").isPositive();
            assertThat(info).containsEntry("dropped_points", 0L);
            assertThat(info.get("written_points")).isEqualTo(info.get("generated_points"));
            assertThat(pointsOfRun(influx, runId(run))).isEqualTo(info.get("written_points"));
            RunResult.Level overall = run.overall("categorise");
            assertThat(overall.ok()).isEqualTo(overall.requests());
            assertThat(influx.number(DB, "SELECT count(latency_ms) FROM llmload_request" + where(runId(run)))).isEqualTo(overall.requests());
        }
    }

    @Test
    void aFullBufferDropsTheOldestPointsAndCountsThem() throws Exception {
        try (InfluxServer influx = InfluxServer.start()) {
            Thread chaos = outage(influx, 1500, 3000);
            RunResult run = RunResult.of(NewsCategorizationSimulation.class, newsInto(influx.url(), Map.of(
                    "news.hold-time", "6s", "influx.buffer-limit", "50")));
            chaos.join();
            Map<String, Long> info = sinkInfo(run);
            long written = info.get("written_points");
            long dropped = info.get("dropped_points");
            assertThat(dropped).as("3 s of ~100 points/s into a 50-point buffer").isPositive();
            assertThat(written + dropped).isEqualTo(info.get("generated_points"));
            assertThat(pointsOfRun(influx, runId(run))).isEqualTo(written);
            assertThat(run.file("llm-summary.json")).contains("\"dropped_points\" : " + dropped);
        }
    }

    private static Thread outage(InfluxServer influx, long afterMillis, long forMillis) {
        Thread chaos = new Thread(() -> {
            try {
                Thread.sleep(afterMillis);
                influx.kill();
                Thread.sleep(forMillis);
                influx.restart();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "influx-outage");
        chaos.start();
        return chaos;
    }

    private static List<Object> tagValues(InfluxServer influx, String measurement, String key) {
        QueryResult r = influx.query(DB, "SHOW TAG VALUES FROM " + measurement + " WITH KEY = \"" + key + "\"");
        return r.getResults().get(0).getSeries().get(0).getValues().stream().map(v -> v.get(1)).toList();
    }

    private static List<Object> tagKeys(InfluxServer influx, String measurement) {
        QueryResult r = influx.query(DB, "SHOW TAG KEYS FROM " + measurement);
        return r.getResults().get(0).getSeries().get(0).getValues().stream().map(v -> v.get(0)).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
