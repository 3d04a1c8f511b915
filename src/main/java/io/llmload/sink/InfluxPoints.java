package io.llmload.sink;

import io.llmload.metrics.RequestRecord;
import org.influxdb.dto.Point;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * llmload's InfluxDB schema. Tags stay bounded (simulation, run, scenario, request name, status,
 * level, injector, target, a failure's kind); prompts, answers, ids and error texts are fields.
 *
 * <ul>
 *   <li>{@value #REQUEST}: one point per request or job</li>
 *   <li>{@value #SECOND}: per-interval aggregates (in flight, requests, ok, ko, output tokens)</li>
 *   <li>{@value #ERRORS}: per-interval KO counts by failure kind</li>
 *   <li>{@value #RUN}: run start and end events, with the effective configuration (secrets removed)</li>
 *   <li>{@value #RUNPOD_HEALTH}: a serverless endpoint's workers and jobs</li>
 *   <li>{@value #SINK}: the sink itself per interval (queued, written, dropped, slowest write, injector heap)</li>
 * </ul>
 */
public final class InfluxPoints {

    public static final String REQUEST = "llmload_request";
    public static final String SECOND = "llmload_second";
    public static final String ERRORS = "llmload_errors";
    public static final String RUN = "llmload_run";
    public static final String RUNPOD_HEALTH = "llmload_runpod_health";
    public static final String SINK = "llmload_sink";
    public static final String ALERT = "llmload_alert";
    public static final String SERVER = "llmload_server";

    private final Map<String, String> runTags;

    /** @param runTags simulation, run_id, injector, target: on every point */
    public InfluxPoints(Map<String, String> runTags) {
        this.runTags = Map.copyOf(runTags);
    }

    Point.Builder point(String measurement, long timeNanos) {
        return Point.measurement(measurement).time(timeNanos, TimeUnit.NANOSECONDS).tag(runTags);
    }

    Point request(RequestRecord r, long timeNanos) {
        Point.Builder p = point(REQUEST, timeNanos)
                .tag("scenario", r.scenario() == null ? "" : r.scenario())
                .tag("request", r.request())
                .tag("status", r.ok() ? "ok" : "ko")
                .tag("level", String.valueOf(r.level()))
                .addField("latency_ms", r.timing().e2eNanos() / 1e6)
                .addField("prompt_tokens", (long) r.tokens().prompt())
                .addField("completion_tokens", (long) r.tokens().output())
                .addField("http_status", (long) r.httpStatus());
        if (r.timing().ttftNanos() >= 0) p.addField("ttft_ms", r.timing().ttftNanos() / 1e6);
        if (r.timing().ttfrNanos() >= 0) {
            p.addField("ttfr_ms", r.timing().ttfrNanos() / 1e6);
            if (r.timing().ttfoNanos() >= 0) p.addField("ttfo_ms", r.timing().ttfoNanos() / 1e6);
        }
        if (r.timing().meanInterTokenNanos() >= 0) p.addField("itl_ms", r.timing().meanInterTokenNanos() / 1e6);
        if (r.hasJobBreakdown()) {
            p.addField("queue_ms", r.job().queueNanos() / 1e6);
            p.addField("exec_ms", r.job().executionNanos() / 1e6);
            p.addField("overhead_ms", r.overheadNanos() / 1e6);
        }
        if (!r.ok()) {
            p.tag("failure_kind", failureKind(r));
            p.addField("failure", r.failure() == null ? "" : r.failure().reason());
        }
        if (r.staleRetries() > 0) p.addField("stale_retries", (long) r.staleRetries());
        // a tag, so queries can leave warm-up out ("warm_up" != 'true'); two values at most
        if (r.warmUp()) p.tag("warm_up", "true");
        return p.build();
    }

    /** A bounded tag for a KO: its stable kind ({@code http_status}, {@code timeout_mid_stream} ...). */
    public static String failureKind(RequestRecord r) {
        return r.failure() == null ? "unknown" : r.failure().kind().key();
    }
}
