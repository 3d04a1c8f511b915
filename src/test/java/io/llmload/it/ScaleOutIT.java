package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.emulator.EmulatorFixture;
import io.llmload.emulator.LlmEndpointEmulator;
import io.llmload.merge.MergeMain;
import io.llmload.metrics.LatencyHistogram;
import io.llmload.metrics.LevelStats;
import io.llmload.metrics.Numbers;
import io.llmload.report.InjectorResults;
import io.llmload.report.RunReport;
import io.llmload.simulations.MixedTrafficSimulation;
import io.llmload.simulations.NewsCategorizationSimulation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One test run by three injector processes on this machine against one emulator, then merged: the
 * merged figures are exactly those of all the requests the injectors logged, the emulator saw every
 * one of them, the levels and rates were split as configured, and the verdicts are one injector's.
 */
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("target", "scale-out-it");
    /** Time for three JVMs to start on two cores before the agreed start (a late one is a warning of the merge, not a failure). */
    private static final Duration START_DELAY = Duration.ofSeconds(15);
    /**
     * 20 ms a step whatever the batch; a cheap prefill (11 ms for the news prompt), so that a p95 of
     * TTFT over some fifty requests is not set by how many admissions happened to collide.
     */
    private static final Map<String, String> FIXED_MODEL = Map.of(
            "decode-step-base", "20ms", "decode-step-per-sequence", "0ms", "prefill-per-token", "10us", "prefix-cache-block-tokens", "0");
    private static final Map<String, String> NEWS = Map.of(
            "news.levels", "10", "news.slo-level", "10", "news.hold-time", "6s", "news.max-tokens", "40",
            "news.validate-json-answer", "false", "news.warm-up.requests-per-user", "1", "news.warm-up.duration", "0s",
            "slo.news.itl-p95-at-10.enabled", "true");

    private static Map<String, String> keys(Map<String, String> workload, LlmEndpointEmulator emulator) {
        Map<String, String> all = new HashMap<>(workload);
        all.putAll(EmulatorFixture.target(emulator));
        return all;
    }

    private static JsonNode merged(Path out) throws IOException {
        return JSON.readTree(out.resolve(RunReport.SUMMARY_JSON).toFile());
    }

    private static JsonNode level(JsonNode summary, int level) {
        for (JsonNode l : summary.get("levels")) if (l.get("level").asInt() == level) return l;
        throw new AssertionError("no level " + level);
    }

    @Test
    void threeInjectorsHoldTheLevelTogetherAndMergeIntoTheExactFiguresOfAllTheirRequests() throws Exception {
        Path dir = DIR.resolve("closed-" + System.currentTimeMillis());
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(FIXED_MODEL)) {
            List<int[]> inFlight = new CopyOnWriteArrayList<>();
            Instant startAt = Instant.now().plus(START_DELAY);
            Injectors injectors = Injectors.start(NewsCategorizationSimulation.class, 3, startAt, keys(NEWS, emulator), dir);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    var stats = emulator.engineStats();
                    inFlight.add(new int[] {(int) (System.currentTimeMillis() - startAt.toEpochMilli()), stats.running() + stats.waiting()});
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            List<Integer> exits;
            try {
                exits = injectors.await();
            } finally {
                sampler.interrupt();
                injectors.destroy();
            }
            for (int i = 0; i < 3; i++) {
                assertThat(exits.get(i)).as("injector %d exit (no assertions on a part)\n%s", i, injectors.console(i)).isZero();
                assertThat(injectors.console(i)).contains("injector " + (i + 1) + " of 3 (injector-" + i + ")", "PART OF A SCALED-OUT TEST");
            }

            // the split: 4 + 3 + 3 users, each injector's summary showing its own share held
            List<InjectorResults> parts = new ArrayList<>();
            for (int i = 0; i < 3; i++) parts.add(injectors.results(i));
            int[] shares = {4, 3, 3};
            long firstStart = 0;
            long lastEnd = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                JsonNode own = JSON.readTree(injectors.folders().get(i).resolve(RunReport.SUMMARY_JSON).toFile());
                JsonNode fidelity = level(own, 10).get("load_fidelity");
                assertThat(fidelity.get("requested_concurrency").asInt()).isEqualTo(shares[i]);
                // Little's law over the level's window, whose drain (the last ~1 s requests ending) holds fewer
                assertThat(fidelity.get("achieved_concurrency").asDouble()).as("injector %d achieved concurrency", i)
                        .isBetween(0.75 * shares[i], shares[i] + 0.1);
                LevelStats.Counters c = counters(parts.get(i), 10);
                firstStart = Math.max(firstStart, c.loadFirstStartMillis());
                lastEnd = Math.min(lastEnd, c.loadLastEndMillis());
                // same machine, same clock: the offset measured against the emulator's Date header is zero within its bound
                assertThat(Math.abs(parts.get(i).clock().offsetMillis())).isLessThanOrEqualTo(parts.get(i).clock().uncertaintyMillis() + 2);
            }
            // the emulator held 10 sequences while all three injectors were in their level: never more, and 10 most of the time
            long from = firstStart + 500 - startAt.toEpochMilli();
            long to = lastEnd - 1500 - startAt.toEpochMilli();
            List<Integer> held = inFlight.stream().filter(s -> s[0] >= from && s[0] <= to).map(s -> s[1]).toList();
            assertThat(held).as("samples of the emulator's sequences between %d and %d ms", from, to).hasSizeGreaterThan(50);
            assertThat(inFlight.stream().mapToInt(s -> s[1]).max().orElseThrow()).isEqualTo(10);
            assertThat(held.stream().filter(n -> n == 10).count()).as("samples at 10 of %d", held.size()).isGreaterThan(held.size() * 8 / 10);

            Path out = dir.resolve("merged");
            String[] args = {out.toString(), injectors.folders().get(0).toString(), injectors.folders().get(1).toString(),
                    injectors.folders().get(2).toString()};
            assertThat(MergeMain.run(args)).as("merge exit: complete, SLOs hold").isZero();
            JsonNode summary = merged(out);
            JsonNode c10 = level(summary, 10);

            // every request the emulator served is in the merge, once: measured, or one of the users' first (warm-up) requests
            int served = emulator.groundTruth().all().size();
            long warmUp = 0;
            for (JsonNode l : summary.get("warm_up").get("levels")) warmUp += l.get("requests").asLong();
            assertThat(warmUp).as("one warm-up request per user").isEqualTo(10);
            assertThat(summary.get("overall").get("requests").asLong() + warmUp).isEqualTo(served);
            assertThat(c10.get("requests").asLong() + warmUp).isEqualTo(served);
            assertThat(c10.get("load_fidelity").get("requested_concurrency").asInt()).isEqualTo(10);
            assertThat(c10.get("load_fidelity").get("achieved_concurrency").asDouble()).isBetween(7.5, 10.1);

            // merged percentiles = those of one histogram of every request the three injectors logged, to the digit
            Map<String, LatencyHistogram> fromLogs = histogramsOfLogs(injectors.folders(), 10);
            for (String[] metric : new String[][] {{"e2e_ms", "latency_ms"}, {"ttft_ms", "ttft_ms"}, {"tpot_ms", "tpot_ms"}}) {
                LatencyHistogram expected = fromLogs.get(metric[0]);
                JsonNode got = c10.get(metric[1]);
                assertThat(got.get("count").asLong()).isEqualTo(expected.count()).isEqualTo(served - warmUp);
                for (double p : new double[] {50, 90, 95, 99}) {
                    String field = "p" + (long) p;
                    assertThat(got.get(field).asDouble()).as("%s %s", metric[1], field).isEqualTo(Numbers.round(expected.percentileMillis(p), 2));
                }
                assertThat(got.get("max").asDouble()).isEqualTo(Numbers.round(expected.maxMillis(), 2));
            }
            assertThat(summary.get("injectors").get("complete").asBoolean()).isTrue();
            assertThat(Files.readString(out.resolve("index.html"))).contains("NewsCategorizationSimulation");
            assertThat(Files.readString(out.resolve("llm-slo-junit.xml"))).contains("testsuite");

            // the same test on one injector: the same verdicts, figures within noise (three injector JVMs sharing two
            // cores with the emulator add some client-side delay: measured +18 ms on a TTFT p95 of 50 ms, 0.05 % on latency p95)
            RunResult single = RunResult.of(NewsCategorizationSimulation.class, keys(NEWS, emulator));
            assertThat(single.exit()).isZero();
            List<RunResult.Slo> one = single.slos();
            JsonNode mergedSlos = summary.get("slos");
            assertThat(mergedSlos).hasSize(one.size());
            for (int i = 0; i < one.size(); i++) {
                JsonNode m = mergedSlos.get(i);
                assertThat(m.get("name").asText()).isEqualTo(one.get(i).name());
                assertThat(m.get("passed").asBoolean()).as(m.get("message").asText()).isEqualTo(one.get(i).passed());
                assertThat(m.get("measured").asDouble()).as(m.get("name").asText())
                        .isCloseTo(one.get(i).measured(), within(Math.max(25.0, Math.abs(one.get(i).measured()) * 0.15)));
            }
        }
    }

    @Test
    void anOpenRateIsSplitAcrossInjectorsThatTogetherSendTheWholeRate() throws Exception {
        Path dir = DIR.resolve("open-" + System.currentTimeMillis());
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of("flavour", "inference-server"))) {
            Map<String, String> mixed = Map.of("inference.mixed.model", "open", "inference.mixed.rate", "30", "inference.mixed.duration", "8s",
                    "inference.mixed.weights.embeddings", "100", "inference.mixed.weights.chat", "0", "inference.mixed.weights.audio", "0",
                    "inference.mixed.weights.vision", "0", "inference.metrics-interval", "0s");
            Injectors injectors = Injectors.start(MixedTrafficSimulation.class, 3, Instant.now().plus(START_DELAY), keys(mixed, emulator), dir);
            try {
                assertThat(injectors.await()).containsExactly(0, 0, 0);
            } finally {
                injectors.destroy();
            }
            long sent = 0;
            for (int i = 0; i < 3; i++) {
                JsonNode own = JSON.readTree(injectors.folders().get(i).resolve(RunReport.SUMMARY_JSON).toFile());
                assertThat(own.get("load_fidelity").get("requested_rate_per_s").asDouble()).isEqualTo(10.0);
                sent += own.get("overall").get("requests").asLong();
            }
            // 240 Poisson arrivals expected over 8 s: their standard deviation is about 15.5, 20 % is over 3 sigma
            assertThat(sent / 8.0).as("requests per second of the three together").isCloseTo(30.0, within(6.0));
            assertThat(emulator.inferenceServer().requestsWithStatus("embedding", 200)).isEqualTo(sent);
            Path out = dir.resolve("merged");
            List<String> args = new ArrayList<>(List.of(out.toString()));
            injectors.folders().forEach(f -> args.add(f.toString()));
            MergeMain.run(args.toArray(String[]::new));
            assertThat(merged(out).get("overall").get("requests").asLong()).isEqualTo(sent);
        }
    }

    @Test
    void anInjectorKilledMidRunIsReportedMissingAndTheRestMergeMarkedIncomplete() throws Exception {
        Path dir = DIR.resolve("crash-" + System.currentTimeMillis());
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(FIXED_MODEL)) {
            Instant startAt = Instant.now().plus(START_DELAY);
            Injectors injectors = Injectors.start(NewsCategorizationSimulation.class, 3, startAt, keys(NEWS, emulator), dir);
            try {
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), startAt).toMillis()) + 3000);
                injectors.process(1).destroyForcibly();
                injectors.await();
            } finally {
                injectors.destroy();
            }
            List<Path> folders = injectors.folders();
            Path out = dir.resolve("merged");
            int exit = MergeMain.run(new String[] {out.toString(), folders.get(0).toString(), folders.get(1).toString(), folders.get(2).toString()});
            assertThat(exit).as("incomplete").isEqualTo(MergeMain.INCOMPLETE);
            JsonNode summary = merged(out);
            JsonNode section = summary.get("injectors");
            assertThat(section.get("complete").asBoolean()).isFalse();
            assertThat(section.get("missing").get(0).asText()).startsWith("injector-1 (");
            assertThat(section.get("injectors")).hasSize(2);
            long expected = injectors.results(0).parts().stream().filter(p -> p.level() == -1 && !p.warmUp()).mapToLong(p -> p.counters().ok() + p.counters().ko()).sum()
                    + injectors.results(2).parts().stream().filter(p -> p.level() == -1 && !p.warmUp()).mapToLong(p -> p.counters().ok() + p.counters().ko()).sum();
            assertThat(summary.get("overall").get("requests").asLong()).isEqualTo(expected).isPositive();
            assertThat(Files.readString(out.resolve(RunReport.SUMMARY_MD))).contains("Merged 2 of 3 injectors: INCOMPLETE", "**Missing:** injector-1");

            // a folder of another configuration does not merge with these
            Path other = DIR.resolve("other-config");
            Files.createDirectories(other);
            InjectorResults first = injectors.results(0);
            new InjectorResults(first.format(), first.simulation(), first.runId(), first.target(), first.model(),
                    new InjectorResults.Injector(1, 3, "injector-1"), first.startAt(), first.startedMillis(), first.finishedMillis(),
                    "another-hash", first.config(), first.plan(), null, null, first.parts()).write(other);
            assertThat(MergeMain.run(new String[] {dir.resolve("refused").toString(), folders.get(0).toString(), other.toString()}))
                    .isEqualTo(MergeMain.REFUSED);
            assertThat(dir.resolve("refused")).doesNotExist();
        }
    }

    private static LevelStats.Counters counters(InjectorResults results, int level) {
        return results.parts().stream().filter(p -> p.level() == level && !p.warmUp()).findFirst().orElseThrow().counters();
    }

    /** One histogram per metric of every successful request at {@code level} in the injectors' llm-requests.jsonl. */
    private static Map<String, LatencyHistogram> histogramsOfLogs(List<Path> folders, int level) throws IOException {
        Map<String, LatencyHistogram> out = new HashMap<>();
        for (String metric : List.of("e2e_ms", "ttft_ms", "tpot_ms")) out.put(metric, new LatencyHistogram());
        for (Path folder : folders) {
            for (JsonNode r : InProcessGatling.requests(folder)) {
                if (!r.get("ok").asBoolean() || r.get("level").asInt() != level || r.path("warm_up").asBoolean()) continue;
                out.forEach((metric, h) -> {
                    if (r.has(metric)) h.recordNanos(Math.round(r.get(metric).asDouble() * 1e6));
                });
            }
        }
        return out;
    }
}
