package io.llmload.metrics;

import io.llmload.config.GoodputCriteria;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LlmMetricsTest {

    static RequestRecord ok(int level, long startMs, long e2eMs, long ttftMs, int outputTokens) {
        long[] gaps = new long[outputTokens - 1];
        long each = (e2eMs - ttftMs) * 1_000_000 / Math.max(1, outputTokens - 1);
        Arrays.fill(gaps, each);
        return new RequestRecord("r", null, level, startMs, new RequestRecord.Timing(0, 0, e2eMs * 1_000_000, ttftMs * 1_000_000, gaps, true), new RequestRecord.Tokens(outputTokens, true, outputTokens, 1000, true, -1), null, null, 200, "id", 0, null);
    }

    static RequestRecord ko(int level, long startMs, long e2eMs, String reason) {
        return new RequestRecord("r", null, level, startMs, new RequestRecord.Timing(0, 0, e2eMs * 1_000_000, -1, new long[0], true), new RequestRecord.Tokens(0, false, 0, 1000, false, -1), null, Failure.of(FailureKind.HTTP_STATUS, reason), 500, null, 0, null);
    }

    @Test
    void percentilesComeFromTheRecordedLatencies() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        for (int i = 1; i <= 100; i++) {
            metrics.record(ok(10, 0, i * 10L, 5, 11));
        }
        LevelStats s = metrics.at("r", 10);
        assertThat(s.requests()).isEqualTo(100);
        // HdrHistogram with 3 significant digits: values are exact to 0.1 %
        assertThat(s.e2e().percentileMillis(50)).isCloseTo(500, within(0.5));
        assertThat(s.e2e().percentileMillis(95)).isCloseTo(950, within(1.0));
        assertThat(s.e2e().percentileMillis(99)).isCloseTo(990, within(1.0));
        assertThat(s.e2e().maxMillis()).isCloseTo(1000, within(1.0));
        assertThat(s.ttft().percentileMillis(50)).isCloseTo(5, within(0.01));
        // TPOT = (E2E - TTFT) / (tokens - 1): for the median request (500 - 5) / 10
        assertThat(s.tpot().percentileMillis(50)).isCloseTo(49.5, within(0.1));
        assertThat(s.itl().count()).isEqualTo(1000);
    }

    @Test
    void throughputAndAchievedConcurrencyUseTheLevelsWindow() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        // two back-to-back requests of 1 s each on each of 2 "users": a 2 s window, 4 requests
        metrics.record(ok(2, 0, 1000, 100, 101));
        metrics.record(ok(2, 0, 1000, 100, 101));
        metrics.record(ok(2, 1000, 1000, 100, 101));
        metrics.record(ok(2, 1000, 1000, 100, 101));
        LevelStats s = metrics.at("r", 2);
        assertThat(s.windowSeconds()).isEqualTo(2.0);
        assertThat(s.requestsPerSecond()).isEqualTo(2.0);
        assertThat(s.outputTokensPerSecond()).isEqualTo(202.0);
        assertThat(s.achievedConcurrency()).isEqualTo(2.0);
    }

    @Test
    void failuresAreCountedByReasonAndGoodputNeedsEveryCriterion() {
        LlmMetrics metrics = new LlmMetrics(new GoodputCriteria(Duration.ofMillis(500), Duration.ofMillis(50), Duration.ZERO));
        metrics.record(ok(1, 0, 400, 40, 10));   // meets both
        metrics.record(ok(1, 0, 600, 40, 10));   // too slow end to end
        metrics.record(ok(1, 0, 400, 60, 10));   // first token too late
        metrics.record(ko(1, 0, 100, "HTTP 500: boom"));
        metrics.record(ko(1, 0, 100, "HTTP 500: boom"));
        LevelStats s = metrics.at("r", 1);
        assertThat(s.successPercent()).isEqualTo(60.0);
        assertThat(s.goodputPercent()).isEqualTo(20.0);
        assertThat(s.failures()).containsEntry("HTTP 500: boom", 2L);
        assertThat(metrics.overall("r").requests()).isEqualTo(5);
    }

    @Test
    void usageAndClientTokenCountsAreComparedOnlyWhereTheServerReported() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        metrics.record(new RequestRecord("r", null, 1, 0, new RequestRecord.Timing(0, 0, 1_000_000, 500_000, new long[0], true), new RequestRecord.Tokens(100, true, 103, 10, true, -1), null, null, 200, "a", 0, null));
        metrics.record(new RequestRecord("r", null, 1, 0, new RequestRecord.Timing(0, 0, 1_000_000, 500_000, new long[0], true), new RequestRecord.Tokens(50, false, 50, 10, false, -1), null, null, 200, "b", 0, null));
        LevelStats s = metrics.at("r", 1);
        assertThat(s.usageReportedRequests()).isEqualTo(1);
        assertThat(s.usageOutputTokens()).isEqualTo(100);
        assertThat(s.clientOutputTokensWhereUsage()).isEqualTo(103);
        assertThat(s.outputTokens()).isEqualTo(150);
    }

    @Test
    void failedRequestsKeepTheirOwnLatencyAndUnsentOnesFeedNoThroughput() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        metrics.record(ok(1, 0, 1000, 100, 11));
        metrics.record(ko(1, 0, 5, "HTTP 500: boom"));
        metrics.record(new RequestRecord("r", null, 1, 0, new RequestRecord.Timing(0, 0, 100_000, -1, new long[0], true), new RequestRecord.Tokens(0, false, 0, 0, false, -1), null, Failure.of(FailureKind.CONNECTION_REFUSED, "connection refused"), 0, null, 0, null));
        LevelStats s = metrics.at("r", 1);
        assertThat(s.e2e().count()).as("successes only").isEqualTo(1);
        assertThat(s.e2e().minMillis()).isCloseTo(1000.0, within(1.0));
        assertThat(s.failedLatency().count()).as("failures that reached the server").isEqualTo(1);
        assertThat(s.notSent()).isEqualTo(1);
        assertThat(s.requestsPerSecond()).as("2 requests reached the server in a 1 s window").isEqualTo(2.0);
        assertThat(s.failuresByKind()).containsEntry("http_status", 1L).containsEntry("connection_refused", 1L);
    }

    @Test
    void aServerCountOfThePromptFarBelowTheClientsIsATruncation() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE, 0.8);
        RequestRecord cut = new RequestRecord("r", null, 1, 0, new RequestRecord.Timing(0, 0, 1_000_000, -1, new long[0], false), new RequestRecord.Tokens(10, true, 10, 500, true, 1100), null, null, 200, "a", 0, null);
        RequestRecord whole = new RequestRecord("r", null, 1, 0, new RequestRecord.Timing(0, 0, 1_000_000, -1, new long[0], false), new RequestRecord.Tokens(10, true, 10, 1130, true, 1100), null, null, 200, "b", 0, null);
        metrics.record(cut);
        metrics.record(whole);
        assertThat(metrics.at("r", 1).truncatedPrompts()).isEqualTo(1);
        assertThat(new LlmMetrics(GoodputCriteria.NONE, 0).promptTruncated(cut)).as("0 = off").isFalse();
    }

    @Test
    void aStartedRequestEndsInFlightWhetherRecordedOrLost() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        metrics.requestStarted("r", 1);
        metrics.requestStarted("r", 1);
        metrics.requestStarted("r", 1);
        assertThat(metrics.inFlight()).isEqualTo(3);

        metrics.record(ok(1, 0, 100, 10, 5));
        metrics.requestLost();

        assertThat(metrics.inFlight()).isEqualTo(1);
        // a lost request is in no figure: the run's end only stops waiting for it
        assertThat(metrics.at("r", 1).requests()).isEqualTo(1);
    }
}
