package io.llmload.run;

import io.llmload.client.LoadStop;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.LiveSettings;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.RequestRecord;
import io.llmload.metrics.SloSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The live watch on a clock of the test's own: when bands fire and clear, and when the run is stopped. */
class LiveWatchTest {

    private static final long T0 = 1_780_000_000_000L;
    private static final SloSpec P95 = new SloSpec("p95-warning", SloSpec.Metric.LATENCY, 95, LlmMetrics.ALL_LEVELS, 4000.0, null);
    private static final LiveSettings SETTINGS = new LiveSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 5,
            90, Duration.ofSeconds(30), 20, Duration.ofSeconds(60));

    private final AtomicLong now = new AtomicLong(T0);
    private final LoadStop stop = new LoadStop();
    private final LiveWatch watch = new LiveWatch(SETTINGS, List.of(P95), "r", new LlmMetrics(GoodputCriteria.NONE), null, stop, null, now::get);

    private static RequestRecord request(long e2eMs, boolean ok, boolean warmUp) {
        return new RequestRecord("r", null, 10, T0, new RequestRecord.Timing(0, 0, e2eMs * 1_000_000, -1, new long[0], false),
                new RequestRecord.Tokens(10, true, 10, 100, true, -1), null, ok ? null : Failure.of(FailureKind.HTTP_STATUS, "HTTP 503"),
                ok ? 200 : 503, null, 0, null, warmUp);
    }

    /** Ten seconds of requests of {@code e2eMs} each, one a second, then an alert judgement. */
    private void tenSecondsOf(long e2eMs) {
        for (int i = 0; i < 10; i++) {
            now.addAndGet(1000);
            watch.accept(request(e2eMs, true, false));
        }
        watch.judgeAlerts();
    }

    @Test
    void aBandFiresOnTheFirstWindowThatBreachesItAndClearsWhenTheWindowRecovers() {
        tenSecondsOf(1000);
        tenSecondsOf(1000);
        assertThat(watch.episodes()).isEmpty();
        tenSecondsOf(5000);
        // 10 of the window's 30 requests took 5 s: its p95 is 5 s
        assertThat(watch.episodes()).singleElement().satisfies(e -> {
            assertThat(e.alert()).isEqualTo("p95-warning");
            assertThat(e.band()).isEqualTo("latency p95 over the last 30 s <= 4000 ms");
            assertThat(e.ended()).isNull();
        });
        tenSecondsOf(1000);
        tenSecondsOf(1000);
        assertThat(watch.episodes().get(0).ended()).as("the slow slice is still in the window").isNull();
        tenSecondsOf(1000);
        LiveWatch.Episode e = watch.episodes().get(0);
        assertThat(e.started()).isEqualTo("20:27:10");
        assertThat(e.ended()).isEqualTo("20:27:40");
        assertThat(e.worst()).isBetween(4990.0, 5010.0);
        assertThat(stop.reason()).isNull();
    }

    @Test
    void warmUpRequestsAreNotJudgedAndAWindowWithTooFewRequestsIsNot() {
        for (int i = 0; i < 10; i++) watch.accept(request(9000, true, true));
        for (int i = 0; i < 4; i++) watch.accept(request(9000, true, false));
        watch.judgeAlerts();
        assertThat(watch.episodes()).isEmpty();
    }

    @Test
    void mostRequestsFailingInTheWindowStopsTheRunSayingWhy() {
        for (int i = 0; i < 19; i++) {
            now.addAndGet(100);
            watch.accept(request(5, false, false));
        }
        watch.checkAbort();
        assertThat(stop.reason()).as("19 requests: fewer than abort.min-requests").isNull();
        now.addAndGet(100);
        watch.accept(request(1000, true, false));
        now.addAndGet(100);
        watch.accept(request(5, false, false));
        watch.checkAbort();
        assertThat(stop.reason()).isEqualTo("stopped early at 20:26:42 UTC: 95.24 % of the 21 requests that ended in the last 30 s failed"
                + " (abort.max-error-share = 90 %)");
    }

    @Test
    void noSuccessForTheGivenTimeStopsTheRun() {
        watch.accept(request(1000, true, false));
        now.addAndGet(59_000);
        watch.checkAbort();
        assertThat(stop.reason()).isNull();
        now.addAndGet(1_000);
        watch.checkAbort();
        assertThat(stop.reason()).endsWith("no request succeeded for 60 s (abort.no-success-for)");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 30; i++) watch.accept(request(5, false, false));
        now.addAndGet(31_000);
        for (int i = 0; i < 30; i++) watch.accept(request(1000, true, false));
        watch.checkAbort();
        assertThat(stop.reason()).isNull();
    }
}
