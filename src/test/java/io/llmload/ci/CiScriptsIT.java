package io.llmload.ci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's scripts: how run-simulation.sh turns a run into 0 / 3 (SLO breach) / 1, with a
 * stand-in for Maven, and the smoke stage for real against the embedded emulator.
 */
class CiScriptsIT {

    private static final String JUNIT = "target/llmload/slo-results/TEST-llmload-slo-NewsCategorizationSimulation.xml";

    record Result(int exit, String output) {
    }

    private static Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), output);
    }

    /** A fake mvn that records its arguments, writes an SLO JUnit file with {@code failures} and exits with {@code exit}. */
    private static Path fakeMaven(Path dir, Integer failures, int exit) throws IOException {
        return fakeMaven(dir, failures, exit, "");
    }

    /** The same, printing {@code console} first. */
    private static Path fakeMaven(Path dir, Integer failures, int exit, String console) throws IOException {
        Path mvn = dir.resolve("mvn");
        String junit = failures == null ? "" : "mkdir -p target/llmload/slo-results && echo '<testsuite tests=\"5\" failures=\""
                + failures + "\"></testsuite>' > " + JUNIT + "\n";
        Files.writeString(mvn, "#!/usr/bin/env bash\necho \"$@\" > " + dir.resolve("args") + "\nprintf '%s\\n' '" + console + "'\n"
                + junit + "exit " + exit + "\n");
        mvn.toFile().setExecutable(true);
        return mvn;
    }

    @Test
    void runSimulationMapsPassBreachAndCrashToExitCodes(@TempDir Path dir) throws Exception {
        Result pass = run(Map.of("MVN", fakeMaven(dir, 0, 0).toString(), "LLMLOAD_RUN_ID", "nightly-42",
                "INFLUX_URL", "http://127.0.0.1:8086", "TARGET_URL", "http://127.0.0.1:8000"),
                "scripts/ci/run-simulation.sh", "NewsCategorizationSimulation", "-Dnews.levels=1");
        assertThat(pass.exit()).isZero();
        assertThat(Files.readString(dir.resolve("args"))).contains("gatling:test",
                "-Dgatling.simulationClass=io.llmload.simulations.NewsCategorizationSimulation", "-Dinflux.run-id=nightly-42",
                "-Dinflux.enabled=true", "-Dinflux.url=http://127.0.0.1:8086", "-Dtarget.base-url=http://127.0.0.1:8000", "-Dnews.levels=1");

        Result breach = run(Map.of("MVN", fakeMaven(dir, 1, 1).toString()), "scripts/ci/run-simulation.sh", "NewsCategorizationSimulation");
        assertThat(breach.exit()).isEqualTo(3);
        assertThat(breach.output()).contains("breached an SLO");

        Result crash = run(Map.of("MVN", fakeMaven(dir, null, 1).toString()), "scripts/ci/run-simulation.sh", "NewsCategorizationSimulation");
        assertThat(crash.exit()).isEqualTo(1);
        assertThat(crash.output()).contains("did not complete");

        Result stopped = run(Map.of("MVN", fakeMaven(dir, 2, 2, "  DID NOT COMPLETE: stopped early at 02:14:10 UTC: no request succeeded for 120 s").toString()),
                "scripts/ci/run-simulation.sh", "NewsCategorizationSimulation");
        assertThat(stopped.exit()).as("an early stop is not an SLO verdict").isEqualTo(1);
        assertThat(stopped.output()).contains("NewsCategorizationSimulation did not complete: stopped early at 02:14:10 UTC: no request succeeded for 120 s");
        Files.deleteIfExists(Path.of(JUNIT));
    }

    @Test
    void anInjectorBranchRunsItsShareAndLeavesItsFolderForTheMergeWhichGetsEveryIndexInOrder(@TempDir Path dir) throws Exception {
        Path mvn = dir.resolve("mvn");
        String runFolder = "target/gatling/newscategorizationsimulation-" + System.currentTimeMillis();
        Files.writeString(mvn, "#!/usr/bin/env bash\necho \"$@ injectors=$LLMLOAD_INJECTORS start=$LLMLOAD_START_AT\" >> " + dir.resolve("args") + "\n"
                + "if [[ \"$*\" == *gatling:test* ]]; then mkdir -p " + runFolder + " && echo '{}' > " + runFolder + "/llm-results.json; exit 0; fi\n"
                + "exit ${MERGE_EXIT:-0}\n");
        mvn.toFile().setExecutable(true);
        Map<String, String> env = Map.of("MVN", mvn.toString(), "INJECTOR_INDEX", "1", "LLMLOAD_INJECTORS", "3",
                "LLMLOAD_START_AT", "2026-12-02T03:00:00Z", "TARGET_URL", "http://127.0.0.1:8000", "CONCURRENCY", "10");
        try {
            Result injector = run(env, "scripts/ci/run-injector.sh");
            assertThat(injector.exit()).as(injector.output()).isZero();
            assertThat(Files.readString(dir.resolve("args"))).contains("gatling:test", "-Dnews.levels=10", "-Dinjector.index=1",
                    "injectors=3 start=2026-12-02T03:00:00Z");
            assertThat(Path.of("target/llmload/injector/1/llm-results.json")).isRegularFile();

            Result merge = run(Map.of("MVN", mvn.toString(), "LLMLOAD_INJECTORS", "3", "MERGE_EXIT", "3"), "scripts/ci/merge-injectors.sh");
            assertThat(merge.exit()).as(merge.output()).isEqualTo(3);
            String mergeArgs = Files.readAllLines(dir.resolve("args")).get(1);
            Path root = Path.of("").toAbsolutePath();
            assertThat(mergeArgs).contains("exec:java", "-Dexec.mainClass=io.llmload.merge.MergeMain",
                    "-Dexec.args=" + root.resolve("target/llmload/report-NewsCategorizationSimulation") + " "
                            + root.resolve("target/llmload/injector/0") + " " + root.resolve("target/llmload/injector/1") + " "
                            + root.resolve("target/llmload/injector/2"));
            assertThat(run(Map.of("MVN", mvn.toString(), "LLMLOAD_INJECTORS", "3", "MERGE_EXIT", "1"), "scripts/ci/merge-injectors.sh").exit()).isEqualTo(1);
            assertThat(run(Map.of("MVN", mvn.toString(), "LLMLOAD_INJECTORS", "3", "MERGE_EXIT", "2"), "scripts/ci/merge-injectors.sh").exit()).isEqualTo(1);
            assertThat(run(Map.of("MVN", mvn.toString(), "LLMLOAD_INJECTORS", "3"), "scripts/ci/merge-injectors.sh").exit()).isZero();
        } finally {
            deleteTree(Path.of(runFolder));
            deleteTree(Path.of("target/llmload/injector"));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Test
    void soakPassesThePipelineParametersAsKeys(@TempDir Path dir) throws Exception {
        Path mvn = fakeMaven(dir, 0, 0);
        String target = "http://127.0.0.1:8000";
        assertThat(run(Map.of("MVN", mvn.toString(), "TARGET_URL", target, "SIMULATION", "RunPodSoakSimulation", "JOBS", "40", "CONCURRENCY", "3"),
                "scripts/ci/soak.sh").exit()).isZero();
        assertThat(Files.readString(dir.resolve("args"))).contains(
                "-Dgatling.simulationClass=io.llmload.simulations.RunPodSoakSimulation",
                "-Drunpod.soak.jobs=40", "-Drunpod.soak.duration=0s", "-Drunpod.soak.concurrency=3");
        assertThat(run(Map.of("MVN", mvn.toString(), "TARGET_URL", target, "SIMULATION", "RunPodSoakSimulation", "DURATION", "45m"),
                "scripts/ci/soak.sh").exit()).isZero();
        assertThat(Files.readString(dir.resolve("args"))).contains("-Drunpod.soak.duration=45m", "-Drunpod.soak.concurrency=10");

        // the news soak's SLOs follow the level it runs, and the regression gate gets the baseline
        assertThat(run(Map.of("MVN", mvn.toString(), "TARGET_URL", target, "CONCURRENCY", "2", "BASELINE", "influx"),
                "scripts/ci/soak.sh").exit()).isZero();
        assertThat(Files.readString(dir.resolve("args"))).contains("-Dnews.levels=2", "-Dnews.slo-level=2", "-Dnews.hold-time=30m",
                "-Dregression.baseline=influx");
        assertThat(run(Map.of("MVN", mvn.toString(), "TARGET_URL", target, "LEVELS", "1,10,25"), "scripts/ci/soak.sh").exit()).isZero();
        assertThat(Files.readString(dir.resolve("args"))).contains("-Dnews.levels=1,10,25", "-Dnews.slo-level=25");

        // a soak without an endpoint is refused, saying so; the emulator only when asked for explicitly
        Result unset = run(Map.of("MVN", mvn.toString()), "scripts/ci/soak.sh");
        assertThat(unset.exit()).isEqualTo(4);
        assertThat(unset.output()).contains("TARGET_URL is not set");
        assertThat(run(Map.of("MVN", mvn.toString(), "TARGET_URL", "embedded"), "scripts/ci/soak.sh").exit()).isEqualTo(4);
        Result demo = run(Map.of("MVN", mvn.toString(), "TARGET_URL", "embedded", "ALLOW_EMBEDDED_SOAK", "true"), "scripts/ci/soak.sh");
        assertThat(demo.exit()).isZero();
        assertThat(demo.output()).contains("soaking the EMBEDDED EMULATOR");
        Files.deleteIfExists(Path.of(JUNIT));
    }

    /** Every simulation the pipeline offers runs end to end through soak.sh on the emulator, with short shapes. */
    @Test
    void everySelectableSimulationSoaksEndToEndOnTheEmulator() throws Exception {
        Map<String, Map<String, String>> shapes = Map.ofEntries(
                Map.entry("NewsCategorizationSimulation", Map.of("LEVELS", "1,2", "DURATION", "2s")),
                Map.entry("RunPodSoakSimulation", Map.of("JOBS", "6", "CONCURRENCY", "2")),
                Map.entry("RunPodRampSimulation", Map.of("LEVELS", "1,2", "JOBS", "4")),
                Map.entry("CapacitySearchSimulation", Map.of("LEVELS", "2,2,4", "DURATION", "2s")),
                Map.entry("BatchThroughputSimulation", Map.of("REQUESTS", "12", "CONCURRENCY", "2")),
                Map.entry("MixedTrafficSimulation", Map.of("RATE", "5", "DURATION", "3s")),
                Map.entry("EmbeddingsBenchmarkSimulation", Map.of("REQUESTS", "12", "CONCURRENCY", "2")),
                Map.entry("ChatBenchmarkSimulation", Map.of("REQUESTS", "6", "CONCURRENCY", "2")),
                Map.entry("VisionBenchmarkSimulation", Map.of("REQUESTS", "4", "CONCURRENCY", "2")),
                Map.entry("AudioBenchmarkSimulation", Map.of("REQUESTS", "4", "CONCURRENCY", "2")),
                Map.entry("ConversationSimulation", Map.of("CONCURRENCY", "2", "DURATION", "2s")));
        for (var shape : shapes.entrySet()) {
            Map<String, String> env = new java.util.HashMap<>(shape.getValue());
            env.putAll(Map.of("MVN", "mvn -B -q", "TARGET_URL", "embedded", "ALLOW_EMBEDDED_SOAK", "true", "SIMULATION", shape.getKey(),
                    "LLMLOAD_RUN_ID", "ci-soak-" + shape.getKey()));
            Result soak = run(env, "scripts/ci/soak.sh", "-Dnews.max-tokens=20", "-Dnews.validate-json-answer=false",
                    "-Demulator.decode-step-base=2ms", "-Demulator.runpod.decode-step=2ms", "-Demulator.runpod.dispatch-delay=20ms",
                    "-Dcapacity.repeats=1", "-Dcapacity.max-tokens=20", "-Dsla.max-tokens=20");
            assertThat(soak.exit()).as("%s: %s", shape.getKey(), soak.output()).isIn(0, 3);
            assertThat(soak.output()).as(shape.getKey()).containsAnyOf("passed its SLOs", "breached an SLO");
            assertThat(Path.of("target/llmload/report-" + shape.getKey() + "/llm-summary.md")).as(shape.getKey()).exists();
        }
    }

    @Test
    void theSmokeStageRunsForRealAgainstTheEmulatorAndLeavesAReportToPublish() throws Exception {
        Result smoke = run(Map.of("MVN", "mvn -B -q", "SMOKE_HOLD", "2s", "LLMLOAD_RUN_ID", "ci-test"),
                "scripts/ci/smoke.sh", "-Dnews.max-tokens=20", "-Dnews.validate-json-answer=false", "-Demulator.decode-step-base=2ms",
                // 20-token answers on a 2 ms step: the default 40 µs a prompt token would make each admission's prefill
                // (two or three at once: 45-65 ms) the ITL p95 against its 50 ms SLO; this test is about the stage's wiring
                "-Demulator.prefill-per-token=5us");
        assertThat(smoke.exit()).as(smoke.output()).isZero();
        assertThat(smoke.output()).contains("passed its SLOs", "smoke against the EMBEDDED EMULATOR");
        Path report = Path.of("target/llmload/report-NewsCategorizationSimulation");
        assertThat(report.resolve("index.html")).exists();
        assertThat(report.resolve("llm-summary.md")).exists();
        assertThat(Files.readString(Path.of(JUNIT))).contains("failures=\"0\"");
        List<String> log = Files.readAllLines(Path.of("target/llmload/NewsCategorizationSimulation-console.log"));
        assertThat(log).anyMatch(l -> l.contains("llmload: NewsCategorizationSimulation"));
    }
}
