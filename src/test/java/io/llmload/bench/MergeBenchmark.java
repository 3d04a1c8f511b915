package io.llmload.bench;

import com.typesafe.config.ConfigFactory;
import io.llmload.config.EffectiveConfig;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.LlmloadConfig;
import io.llmload.merge.MergeMain;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.RequestRecord;
import io.llmload.report.InjectorResults;
import io.llmload.report.RequestLog;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The merge's cost for big runs (docs/benchmarks.md): writes N injectors' folders of M requests each
 * as a run of the news simulation at c=64 would (llm-results.json + HdrHistogram log, llm-requests.jsonl,
 * a Gatling 3.15 simulation.log), then times scripts/merge.sh's main over them.
 * <pre>
 * java -cp "$CP" io.llmload.bench.MergeBenchmark target/llmload/bench/merge 3 1000000
 * </pre>
 */
public final class MergeBenchmark {

    private static final int LEVEL = 64;
    private static final String REQUEST = "categorise";

    private MergeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int injectors = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        long start = System.currentTimeMillis();
        long genStart = System.nanoTime();
        String[] mergeArgs = new String[injectors + 1];
        mergeArgs[0] = dir.resolve("merged").toString();
        for (int i = 0; i < injectors; i++) {
            Path folder = dir.resolve("injector-" + i);
            write(folder, i, injectors, requests, start);
            mergeArgs[i + 1] = folder.toString();
        }
        System.out.printf("generated %d injectors x %d requests in %.1f s%n", injectors, requests, (System.nanoTime() - genStart) / 1e9);
        long mergeStart = System.nanoTime();
        int exit = MergeMain.run(mergeArgs);
        System.out.printf("merge of %d x %d requests: %.1f s (exit %d)%n", injectors, requests, (System.nanoTime() - mergeStart) / 1e9, exit);
    }

    private static void write(Path folder, int index, int count, int requests, long startMillis) throws IOException {
        Files.createDirectories(folder);
        Map<String, Object> keys = new HashMap<>(Map.of("injector.count", count, "injector.index", index,
                "injector.start-at", "2026-12-02T03:00:00Z", "news.levels", String.valueOf(LEVEL), "news.slo-level", String.valueOf(LEVEL)));
        LlmloadConfig config = LlmloadConfig.load(ConfigFactory.parseMap(keys));
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE, 0);
        SplittableRandom random = new SplittableRandom(index);
        try (RequestLog log = new RequestLog(folder.resolve(RequestLog.FILE), Duration.ofSeconds(1));
             DataOutputStream gatling = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(folder.resolve("simulation.log")), 1 << 16))) {
            metrics.addListener(log);
            GatlingLog simulationLog = new GatlingLog(gatling, startMillis);
            for (int n = 0; n < requests; n++) {
                long offset = n * 6L;  // 64 in flight at ~0.4 s: ~160 requests/s, 1M requests in 1.7 h
                long ttft = random.nextLong(20_000_000, 400_000_000);
                long[] gaps = new long[8];
                long e2e = ttft;
                for (int g = 0; g < gaps.length; g++) {
                    gaps[g] = random.nextLong(10_000_000, 30_000_000);
                    e2e += gaps[g];
                }
                RequestRecord r = new RequestRecord(REQUEST, null, LEVEL, startMillis + offset, new RequestRecord.Timing(0, 0, e2e, ttft, gaps, true),
                        new RequestRecord.Tokens(9, true, 9, 1100, true, 1100), null, null, 200, "id-" + index + "-" + n, 0, null);
                metrics.requestStarted(REQUEST, LEVEL);
                metrics.record(r);
                simulationLog.request(offset, offset + e2e / 1_000_000);
            }
        }
        var effective = InjectorResults.configTree(EffectiveConfig.json(config));
        InjectorResults.Plan plan = new InjectorResults.Plan("news", "news", List.of(REQUEST), List.of(LEVEL), true, true, null, 0, 0, 0, 0);
        new InjectorResults(InjectorResults.FORMAT, "NewsCategorizationSimulation", "bench", "bench", "bench",
                new InjectorResults.Injector(index, count, "injector-" + index), "2026-12-02T03:00:00Z", startMillis,
                startMillis + requests * 6L + 1000, InjectorResults.configHash(effective), effective, plan, null,
                new InjectorResults.ClockReading(0, 1), InjectorResults.parts(metrics)).write(folder);
    }

    /** A Gatling 3.15 binary simulation.log of one scenario's requests, as SimulationLogMerger reads it. */
    private static final class GatlingLog {
        private final DataOutputStream out;
        private final Map<String, Integer> cache = new HashMap<>();

        GatlingLog(DataOutputStream out, long startMillis) throws IOException {
            this.out = out;
            out.writeByte(0);
            string("3.15.1");
            string("io.llmload.simulations.NewsCategorizationSimulation");
            out.writeLong(startMillis);
            string("");
            out.writeInt(1);
            string("news c=64");
            out.writeInt(0);
        }

        void request(long startOffset, long endOffset) throws IOException {
            out.writeByte(1);
            out.writeInt(1);
            cached("c=64");
            cached(REQUEST);
            out.writeInt((int) startOffset);
            out.writeInt((int) endOffset);
            out.writeByte(1);
            cached("");
        }

        private void cached(String s) throws IOException {
            Integer id = cache.get(s);
            if (id != null) {
                out.writeInt(-id);
                return;
            }
            id = cache.size() + 1;
            cache.put(s, id);
            out.writeInt(id);
            string(s);
        }

        private void string(String s) throws IOException {
            byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
            out.writeInt(bytes.length);
            if (bytes.length == 0) return;
            out.write(bytes);
            out.writeByte(0);
        }
    }
}
