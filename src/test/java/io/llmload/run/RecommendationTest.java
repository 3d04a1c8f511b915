package io.llmload.run;

import com.typesafe.config.ConfigFactory;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.LlmloadConfig;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.RequestRecord;
import io.llmload.metrics.SloSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The ladder's decision from known figures: the largest level meeting every news SLO, and what stops the next. */
class RecommendationTest {

    private static List<SloSpec> newsSlos() {
        return SloSpec.parseAll(LlmloadConfig.load(ConfigFactory.parseMap(Map.of())).section("slo.news"));
    }

    /** {@code n} streamed requests at {@code level}, all of {@code e2eMs}, TTFT 100 ms, 150 tokens; {@code failed} of them KO. */
    private static void level(LlmMetrics metrics, int level, int n, long e2eMs, int failed) {
        for (int i = 0; i < n; i++) {
            long[] gaps = new long[149];
            java.util.Arrays.fill(gaps, (e2eMs - 100) * 1_000_000 / 149);
            boolean ok = i >= failed;
            metrics.record(new RequestRecord("r", null, level, i * 10L, new RequestRecord.Timing(0, 0, e2eMs * 1_000_000, 100_000_000, gaps, true),
                    new RequestRecord.Tokens(150, true, 150, 1100, true, -1), null, ok ? null : Failure.of(FailureKind.HTTP_STATUS, "HTTP 503"),
                    ok ? 200 : 503, null, 0, null));
        }
    }

    @Test
    void theLargestLevelMeetingEverySloAndWhatStopsTheNext() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        level(metrics, 1, 20, 2500, 0);
        level(metrics, 5, 50, 2900, 0);
        level(metrics, 10, 100, 3300, 0);
        level(metrics, 25, 100, 3700, 5);
        Recommendation r = Recommendation.of(newsSlos(), metrics, "r");
        assertThat(r.concurrency()).isEqualTo(10);
        assertThat(r.stoppedBy()).startsWith("SLO latency-p95-at-10 FAILED: latency p95 at c=25 <= 3500 ms, measured 370");
        assertThat(r.levels()).extracting(Recommendation.Level::meetsEverySlo).containsExactly(true, true, true, false);
        assertThat(r.console()).startsWith("  Recommended concurrency: 10, the largest level at which every SLO holds; the next level is stopped by SLO latency-p95-at-10");
    }

    @Test
    void aFailingFirstLevelRecommendsNothing() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        level(metrics, 1, 20, 2500, 2);
        level(metrics, 5, 20, 2500, 0);
        Recommendation r = Recommendation.of(newsSlos(), metrics, "r");
        assertThat(r.concurrency()).isNull();
        assertThat(r.stoppedBy()).startsWith("SLO success-1-10 FAILED: success-rate at c=1 >= 95 %, measured 90.00 %");
    }

    @Test
    void theMarginIsTheRoomLeftToTheLimit() {
        SloSpec p95 = new SloSpec("p95", SloSpec.Metric.LATENCY, 95, 10, 3500.0, null);
        SloSpec success = new SloSpec("s", SloSpec.Metric.SUCCESS_RATE, 0, 10, null, 95.0);
        assertThat(p95.marginPercent(3150)).isCloseTo(10.0, within(1e-9));
        assertThat(p95.marginPercent(3850)).isCloseTo(-10.0, within(1e-9));
        assertThat(success.marginPercent(99.75)).isCloseTo(5.0, within(1e-9));
    }
}
