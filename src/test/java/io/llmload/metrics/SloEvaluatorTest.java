package io.llmload.metrics;

import com.typesafe.config.ConfigFactory;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.LlmloadConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SloEvaluatorTest {

    private static List<SloSpec> slos(Map<String, String> overrides) {
        return SloSpec.parseAll(LlmloadConfig.load(ConfigFactory.parseMap(overrides)).section("slo.news"));
    }

    @Test
    void theDefaultSlosAreTheReports() {
        List<SloSpec> slos = slos(Map.of());
        assertThat(slos).extracting(SloSpec::describe).contains(
                "latency p95 at c=10 <= 3500 ms", "success-rate at each c=1..10 >= 95 %", "success-rate at each c=11..25 >= 90 %",
                "success-rate at each c=26..50 >= 80 %", "success-rate at each c=51..75 >= 70 %", "success-rate at each c=76..100 >= 60 %");
    }

    /** The report's success expectations per band of concurrency: each level of the run inside a band is held to it. */
    @Test
    void aBandOfLevelsIsJudgedAtEachLevelOfTheRunInsideIt() {
        List<SloSpec> judged = SloSpec.judgedAt(slos(Map.of()), List.of(1, 10, 25, 60));
        assertThat(judged).filteredOn(s -> s.name().startsWith("success-")).extracting(SloSpec::describe).containsExactlyInAnyOrder(
                "success-rate at c=1 >= 95 %", "success-rate at c=10 >= 95 %", "success-rate at c=25 >= 90 %", "success-rate at c=60 >= 70 %");
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        // c=25: 91 of 100 succeed (passes its 90 %); c=10: 94 of 100 (fails its 95 %)
        for (int i = 0; i < 100; i++) metrics.record(i < 91 ? LlmMetricsTest.ok(25, 0, 1000, 100, 50) : LlmMetricsTest.ko(25, 0, 1000, "x"));
        for (int i = 0; i < 100; i++) metrics.record(i < 94 ? LlmMetricsTest.ok(10, 0, 1000, 100, 50) : LlmMetricsTest.ko(10, 0, 1000, "x"));
        List<SloResult> results = SloEvaluator.evaluate(SloSpec.judgedAt(slos(Map.of()), List.of(10, 25)), metrics, "r")
                .stream().filter(r -> r.slo().name().startsWith("success-")).toList();
        assertThat(results).extracting(r -> r.slo().level() + ":" + r.passed() + ":" + r.measured())
                .containsExactlyInAnyOrder("10:false:94.0", "25:true:91.0");
    }

    @Test
    void aBandNeedsBothEndsInOrderAndNotALevelBeside() {
        assertThatThrownBy(() -> slos(Map.of("slo.news.b.metric", "success-rate", "slo.news.b.min", "90", "slo.news.b.min-level", "5")))
                .hasMessage("slo.news.b.max-level: missing (a band of levels needs both min-level and max-level)");
        assertThatThrownBy(() -> slos(Map.of("slo.news.b.metric", "success-rate", "slo.news.b.min", "90",
                "slo.news.b.min-level", "5", "slo.news.b.max-level", "4")))
                .hasMessage("slo.news.b.max-level: 4 is below min-level 5");
        assertThatThrownBy(() -> slos(Map.of("slo.news.b.metric", "success-rate", "slo.news.b.min", "90",
                "slo.news.b.min-level", "5", "slo.news.b.max-level", "9", "slo.news.b.level", "5")))
                .hasMessage("slo.news.b.level: give either level or min-level and max-level, not both");
    }

    @Test
    void aBreachNamesTheSloItsLimitAndTheMeasuredValue() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        for (int i = 1; i <= 20; i++) metrics.record(LlmMetricsTest.ok(10, 0, 3000 + i * 50L, 100, 50));
        SloSpec p95 = slos(Map.of()).stream().filter(s -> s.name().equals("latency-p95-at-10")).findFirst().orElseThrow();
        SloResult result = SloEvaluator.evaluate(p95, metrics, "r");
        assertThat(result.passed()).isFalse();
        assertThat(result.measured()).isBetween(3945.0, 3955.0);
        assertThat(result.message()).startsWith("SLO latency-p95-at-10 FAILED: latency p95 at c=10 <= 3500 ms, measured 395");
    }

    @Test
    void aPassAndANothingMeasured() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        for (int i = 0; i < 19; i++) metrics.record(LlmMetricsTest.ok(1, 0, 1000, 100, 50));
        metrics.record(LlmMetricsTest.ko(1, 0, 1000, "x"));
        List<SloResult> results = SloEvaluator.evaluate(slos(Map.of()), metrics, "r");
        SloResult success = SloEvaluator.evaluate(SloSpec.judgedAt(slos(Map.of()), List.of(1)), metrics, "r").stream()
                .filter(r -> r.slo().name().equals("success-1-10")).findFirst().orElseThrow();
        assertThat(success.passed()).isTrue();
        assertThat(success.measured()).isEqualTo(95.0);
        SloResult atTen = results.stream().filter(r -> r.slo().name().equals("latency-p95-at-10")).findFirst().orElseThrow();
        assertThat(atTen.passed()).isFalse();
        assertThat(atTen.message()).endsWith("nothing measured (no request ran at c=10)");
    }

    @Test
    void disabledSlosAreSkippedAndMinimumThroughputsWork() {
        List<SloSpec> slos = slos(Map.of("slo.news.ttft-p95-at-10.enabled", "false",
                "slo.news.tput.metric", "output-tokens-per-second", "slo.news.tput.min", "150"));
        assertThat(slos).extracting(SloSpec::name).doesNotContain("ttft-p95-at-10").contains("tput");
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        metrics.record(LlmMetricsTest.ok(1, 0, 1000, 100, 101));
        SloSpec tput = slos.stream().filter(s -> s.name().equals("tput")).findFirst().orElseThrow();
        assertThat(SloEvaluator.evaluate(tput, metrics, "r").measured()).isEqualTo(101.0);
        assertThat(SloEvaluator.evaluate(tput, metrics, "r").passed()).isFalse();
    }

    /** Failed requests never make a latency SLO pass; "nothing measured" says the true reason. */
    @Test
    void latencySlosCountSuccessesOnlyAndSayWhyNothingWasMeasured() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        for (int i = 0; i < 10; i++) metrics.record(LlmMetricsTest.ko(10, 0, 5, "HTTP 500: fast failure"));
        List<SloResult> results = SloEvaluator.evaluate(slos(Map.of()), metrics, "r");
        SloResult p95 = results.stream().filter(r -> r.slo().name().equals("latency-p95-at-10")).findFirst().orElseThrow();
        assertThat(p95.passed()).isFalse();
        assertThat(p95.message()).endsWith("nothing measured (no successful request at c=10: all 10 failed; most: http_status HTTP 500: fast failure)");

        LlmMetrics unstreamed = new LlmMetrics(GoodputCriteria.NONE);
        unstreamed.record(new RequestRecord("r", null, 10, 0, new RequestRecord.Timing(0, 0, 1_000_000, -1, new long[0], false), new RequestRecord.Tokens(10, true, 10, 5, true, -1), null, null, 200, "id", 0, null));
        SloResult ttft = SloEvaluator.evaluate(slos(Map.of()).stream().filter(s -> s.name().equals("ttft-p95-at-10")).findFirst()
                .orElseThrow(), unstreamed, "r");
        assertThat(ttft.message()).endsWith("(the 1 successful requests were not streamed: no TTFT, ITL or TPOT)");
    }
}
