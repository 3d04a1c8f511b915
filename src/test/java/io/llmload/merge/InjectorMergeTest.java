package io.llmload.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.config.GoodputCriteria;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;
import io.llmload.metrics.LatencyHistogram;
import io.llmload.metrics.LevelStats;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.RequestRecord;
import io.llmload.report.InjectorResults;
import io.llmload.report.RunFacts;
import io.llmload.report.RunReport;
import io.llmload.report.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The merge of injectors' parts is exact: three recorders that each saw every third request, written
 * to their results files and read back, add up to what one recorder of all requests holds — every
 * counter, and every histogram value (HdrHistogram's log and add are lossless).
 */
class InjectorMergeTest {

    private static final GoodputCriteria GOODPUT = new GoodputCriteria(Duration.ofMillis(900), Duration.ofMillis(150), Duration.ZERO);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<RequestRecord> requests(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RequestRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int level = i < count / 2 ? 5 : 10;
            long start = 1_700_000_000_000L + i * 7L;
            boolean warmUp = i % 50 == 0;
            if (random.nextInt(20) == 0) {
                FailureKind kind = random.nextBoolean() ? FailureKind.HTTP_STATUS : FailureKind.TIMEOUT_MID_STREAM;
                out.add(new RequestRecord("r", null, level, start, new RequestRecord.Timing(0, 0, random.nextLong(1_000_000, 2_000_000_000L), -1,
                        new long[0], true), new RequestRecord.Tokens(0, false, 0, 900, false, -1), null,
                        Failure.of(kind, kind == FailureKind.HTTP_STATUS ? "HTTP 503" : "no token for 5 s"), kind == FailureKind.HTTP_STATUS ? 503 : 200,
                        null, 0, null, warmUp));
                continue;
            }
            long ttft = (long) (Math.exp(random.nextDouble(3, 6)) * 1_000_000);
            long[] gaps = new long[random.nextInt(5, 40)];
            long e2e = ttft;
            for (int g = 0; g < gaps.length; g++) {
                gaps[g] = random.nextLong(5_000_000, 40_000_000);
                e2e += gaps[g];
            }
            RequestRecord.Job job = i % 3 == 0 ? new RequestRecord.Job(random.nextLong(1_000_000, 90_000_000), e2e / 2) : null;
            // every other stream is a reasoning model's: thinking first, its answer's first token a few gaps later
            boolean reasoning = i % 2 == 0;
            long ttfo = reasoning ? ttft + gaps[0] + gaps[1] : ttft;
            out.add(new RequestRecord("r", null, level, start, new RequestRecord.Timing(0, 0, e2e, ttft, gaps, true, reasoning ? ttft : -1, ttfo),
                    new RequestRecord.Tokens(gaps.length + 1, true, gaps.length + 1 + random.nextInt(2), 900 + random.nextInt(300), true, -1,
                            reasoning ? 2 : -1, reasoning ? 640 : -1, reasoning ? gaps.length + 1 : -1),
                    job, null, 200, "id-" + i, random.nextInt(10) == 0 ? 1 : 0, null, warmUp));
        }
        return out;
    }

    private static InjectorResults results(LlmMetrics metrics, int index) {
        return new InjectorResults(InjectorResults.FORMAT, "S", "run", "t", "m", new InjectorResults.Injector(index, 3, "injector-" + index),
                null, 1, 2, "hash", JSON.createObjectNode(), null, null, null, InjectorResults.parts(metrics));
    }

    @Test
    void threeInjectorsPartsReadBackFromTheirFilesAddUpToOneRecorderOfEveryRequest(@TempDir Path dir) throws IOException {
        List<RequestRecord> all = requests(6000, 42);
        LlmMetrics whole = new LlmMetrics(GOODPUT, 0.5);
        List<LlmMetrics> parts = List.of(new LlmMetrics(GOODPUT, 0.5), new LlmMetrics(GOODPUT, 0.5), new LlmMetrics(GOODPUT, 0.5));
        for (int i = 0; i < all.size(); i++) {
            whole.requestStarted("r", all.get(i).level());
            whole.record(all.get(i));
            parts.get(i % 3).requestStarted("r", all.get(i).level());
            parts.get(i % 3).record(all.get(i));
        }
        LlmMetrics merged = new LlmMetrics(GOODPUT, 0.5);
        for (int i = 0; i < 3; i++) {
            Path folder = dir.resolve("injector-" + i);
            results(parts.get(i), i).write(folder);
            assertThat(folder.resolve(InjectorResults.HISTOGRAMS)).isNotEmptyFile();
            InjectorResults.read(folder).addTo(merged);
        }

        assertThat(merged.parts()).hasSameSizeAs(whole.parts());
        for (LlmMetrics.Part expected : whole.parts()) {
            LevelStats got = merged.part(expected.request(), expected.level(), expected.warmUp());
            LevelStats.Counters e = expected.stats().counters();
            LevelStats.Counters g = got.counters();
            assertThat(g).usingRecursiveComparison().ignoringFields("failures").isEqualTo(e);
            assertThat(got.failureCounts()).isEqualTo(expected.stats().failureCounts());
            for (String name : expected.stats().histograms().keySet()) {
                LatencyHistogram eh = expected.stats().histograms().get(name);
                LatencyHistogram gh = got.histograms().get(name);
                assertThat(gh.count()).as("%s %s count", expected, name).isEqualTo(eh.count());
                if (eh.count() == 0) continue;
                for (double p : new double[] {50, 90, 95, 99, 99.9, 100}) {
                    assertThat(gh.percentileMillis(p)).as("%s %s p%s", expected, name, p).isEqualTo(eh.percentileMillis(p));
                }
                assertThat(gh.meanMillis()).isEqualTo(eh.meanMillis());
            }
        }
        assertThat(merged.overall("r").requests()).isEqualTo(all.stream().filter(r -> !r.warmUp()).count());
        assertThat(merged.overall("r").ttfr().count()).isPositive();
        assertThat(merged.overall("r").reasoningTokens()).isEqualTo(2 * merged.overall("r").reasoningReportedRequests()).isPositive();

        // the summary a user reads is the same, figure for figure
        RunFacts facts = new RunFacts("S", "run", "t", "m", "now");
        Summary.Run fromWhole = RunReport.summary(facts, whole, List.of("r"), List.of(5, 10), List.of());
        Summary.Run fromMerge = RunReport.summary(facts, merged, List.of("r"), List.of(5, 10), List.of());
        assertThat(fromMerge.main()).usingRecursiveComparison().isEqualTo(fromWhole.main());
    }

    @Test
    void aHistogramLogThatDoesNotFitItsResultsIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        LlmMetrics metrics = new LlmMetrics(GOODPUT, 0);
        requests(30, 1).forEach(r -> {
            metrics.requestStarted("r", r.level());
            metrics.record(r);
        });
        results(metrics, 0).write(dir);
        Files.delete(dir.resolve(InjectorResults.HISTOGRAMS));
        assertThatThrownBy(() -> InjectorResults.read(dir)).hasMessage(dir + ": no llm-histograms.hlog beside llm-results.json");
        assertThatThrownBy(() -> InjectorResults.read(dir.resolve("nothing")))
                .hasMessage(dir.resolve("nothing") + ": no llm-results.json (the injector did not finish its run)");
        JsonNode written = JSON.readTree(dir.resolve(InjectorResults.FILE).toFile());
        assertThat(written.get("parts")).isNotEmpty();
    }
}
