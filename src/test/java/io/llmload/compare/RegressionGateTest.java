package io.llmload.compare;

import io.llmload.metrics.LlmMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The verdicts on request logs made by the test: a known slowdown is flagged, noise is not. */
class RegressionGateTest {

    private static final RegressionRule P95 = new RegressionRule("latency-p95", RegressionRule.Metric.LATENCY, 95, 10, 10, true);
    private static final RegressionRule TOKENS = new RegressionRule("tokens", RegressionRule.Metric.OUTPUT_TOKENS_PER_SECOND, 0, 10, 10, false);
    private static final RegressionRule SUCCESS = new RegressionRule("success", RegressionRule.Metric.SUCCESS_RATE, 0, LlmMetrics.ALL_LEVELS, 2, false);
    private static final Bootstrap BOOTSTRAP = new Bootstrap(1000, 95, 1);

    /**
     * A request log of {@code n} requests at c=10, one every 100 ms: latency log-normal around
     * {@code medianMs} (spread 0.2), 150 tokens each, {@code failures} of them failed.
     */
    private static Path log(Path dir, String name, long seed, int n, double medianMs, int failures) throws IOException {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double e2e = medianMs * Math.exp(0.2 * random.nextGaussian());
            boolean ok = i >= failures;
            out.append("{\"request\":\"r\",\"level\":10,\"start_ms\":").append(1_000_000L + i * 100L).append(",\"ok\":").append(ok)
               .append(",\"e2e_ms\":").append(e2e).append(",\"output_tokens\":").append(ok ? 150 : 0).append("}\n");
        }
        // a warm-up request is left out whatever it measured
        out.append("{\"request\":\"r\",\"level\":10,\"start_ms\":999000,\"ok\":true,\"e2e_ms\":99999,\"output_tokens\":150,\"warm_up\":true}\n");
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("llm-summary.json"), "{\"request\":\"r\"}");
        Files.writeString(folder.resolve("llm-requests.jsonl"), out);
        return folder.resolve("llm-summary.json");
    }

    @Test
    void aNightTwentyFivePercentSlowerIsFlaggedAndTheSameNightIsNot(@TempDir Path dir) throws IOException {
        Path baseline = log(dir, "a", 1, 600, 2000, 0);
        Path slower = log(dir, "b", 2, 600, 2500, 0);
        Regression flagged = RegressionGate.compare(List.of(P95), baseline, slower, "r", BOOTSTRAP).get(0);
        assertThat(flagged.verdict()).isEqualTo(Regression.Verdict.REGRESSED);
        assertThat(flagged.changePct()).isCloseTo(25.0, within(6.0));
        assertThat(flagged.ciLowPct()).isGreaterThan(10.0);
        assertThat(flagged.message()).startsWith("REGRESSION latency-p95 regressed: latency p95 at c=10 may grow by at most 10 %; ");

        Path same = log(dir, "c", 3, 600, 2000, 0);
        Regression calm = RegressionGate.compare(List.of(P95), baseline, same, "r", BOOTSTRAP).get(0);
        assertThat(calm.verdict()).isEqualTo(Regression.Verdict.OK);
        assertThat(calm.ciLowPct()).isLessThan(0.0);
        assertThat(calm.ciHighPct()).isGreaterThan(0.0);

        Path faster = log(dir, "d", 4, 600, 1500, 0);
        assertThat(RegressionGate.compare(List.of(P95), baseline, faster, "r", BOOTSTRAP).get(0).verdict()).isEqualTo(Regression.Verdict.IMPROVED);
    }

    /** Noise alone: 100 pairs of nights drawn from the same distribution; how many would be flagged. */
    @Test
    void theFalsePositiveRateOnIdenticalNightsIsBelowOnePercent(@TempDir Path dir) throws IOException {
        int flagged = 0;
        for (int night = 0; night < 100; night++) {
            Path a = log(dir, "a" + night, 1000 + night, 300, 2000, 0);
            Path b = log(dir, "b" + night, 5000 + night, 300, 2000, 0);
            if (!RegressionGate.compare(List.of(P95), a, b, "r", new Bootstrap(300, 95, night)).get(0).passed()) flagged++;
        }
        System.out.printf("regression gate: %d of 100 identical pairs of nights flagged%n", flagged);
        assertThat(flagged).as("nights flagged of 100 identical pairs").isLessThanOrEqualTo(1);
    }

    @Test
    void throughputAndSuccessRateFallingBeyondTheirAllowanceAreFlagged(@TempDir Path dir) throws IOException {
        Path baseline = log(dir, "a", 1, 600, 2000, 0);
        Path failing = log(dir, "b", 2, 600, 2000, 60);
        List<Regression> verdicts = RegressionGate.compare(List.of(TOKENS, SUCCESS), baseline, failing, "r", BOOTSTRAP);
        // 60 of 600 failed: 10 % fewer output tokens over about the same window (its end is the last
        // request's random latency, ~2 s of ~62 s), success 100 % -> 90 %
        assertThat(verdicts.get(0).changePct()).isCloseTo(-10.0, within(2.5));
        assertThat(verdicts.get(0).verdict()).as("-10 % against an allowance of 10 %: not beyond it").isEqualTo(Regression.Verdict.OK);
        assertThat(verdicts.get(1).tonight()).isEqualTo(90.0);
        assertThat(verdicts.get(1).verdict()).isEqualTo(Regression.Verdict.REGRESSED);
    }

    @Test
    void aBaselineWithoutItsRequestLogIsJudgedOnItsFiguresAndTonightsNoise(@TempDir Path dir) throws IOException {
        Path baseline = Files.createDirectories(dir.resolve("pinned")).resolve("llm-summary.json");
        Files.writeString(baseline, "{\"request\":\"r\",\"levels\":[{\"level\":10,\"latency_ms\":{\"p95\":2000.0}}],\"overall\":{}}");
        Path slower = log(dir, "b", 2, 600, 2000 * 1.25 / 1.39, 0);
        Regression r = RegressionGate.compare(List.of(P95), baseline, slower, "r", BOOTSTRAP).get(0);
        assertThat(r.baseline()).isEqualTo(2000.0);
        assertThat(r.note()).isNull();
        assertThat(r.tonight()).isGreaterThan(2000.0);
        assertThat(r.verdict()).as("p95 about 25 % above the pinned 2000 ms").isEqualTo(Regression.Verdict.REGRESSED);
        List<RegressionRule> none = new ArrayList<>(List.of(new RegressionRule("p99", RegressionRule.Metric.TTFT, 99, 10, 10, true)));
        assertThat(RegressionGate.compare(none, baseline, slower, "r", BOOTSTRAP).get(0).verdict()).isEqualTo(Regression.Verdict.NOT_COMPARED);
    }

    /** The compare command over two run folders: the figures side by side, and the news rules judged (exit 3 on a regression). */
    @Test
    void theCompareCommandPrintsBothRunsAndExitsThreeOnARegression(@TempDir Path dir) throws IOException {
        Path a = log(dir, "a", 1, 600, 2000, 0);
        Path b = log(dir, "b", 2, 600, 2500, 0);
        String level = "{\"level\":10,\"requests\":600,\"success_pct\":100.0,\"latency_ms\":{\"p95\":%s}}";
        Files.writeString(a, "{\"simulation\":\"NewsCategorizationSimulation\",\"run_id\":\"a\",\"request\":\"r\",\"levels\":[" + level.formatted("2780.0") + "],\"overall\":{}}");
        Files.writeString(b, "{\"simulation\":\"NewsCategorizationSimulation\",\"run_id\":\"b\",\"request\":\"r\",\"levels\":[" + level.formatted("3475.0") + "],\"overall\":{}}");
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(printed, true));
        int exit;
        try {
            exit = CompareMain.run(new String[]{a.getParent().toString(), b.toString(), "--rules", "news"});
        } finally {
            System.setOut(out);
        }
        assertThat(exit).isEqualTo(CompareMain.REGRESSED);
        assertThat(printed.toString()).contains("| r | c=10 | latency p95 ms | 2780 | 3475 | 1.25× |",
                "| latency-p95 | latency p95 at c=10 may grow by at most 10 % |", "**REGRESSED**");
    }
}
