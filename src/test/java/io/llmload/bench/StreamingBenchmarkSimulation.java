package io.llmload.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.llmload.client.openai.CompletionCall;
import io.llmload.client.openai.OpenAi;
import io.llmload.config.ApiStyle;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.Keys;
import io.llmload.config.LlmloadConfig;
import io.llmload.report.RequestLog;
import io.llmload.run.ClosedLadder;
import io.llmload.run.LlmRun;
import io.llmload.run.RunPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;

/**
 * Benchmark, not a workload: N concurrent streams of short prompts (config section
 * {@code benchmark}). Against the embedded emulator it compares every request's measured TTFT and
 * E2E with the emulator's ground truth (same JVM clock) and writes the error percentiles to
 * target/llmload/bench/. Commands: docs/benchmarks.md.
 */
public class StreamingBenchmarkSimulation extends Simulation {

    private static final String REQUEST = "stream";

    private final LlmloadConfig config = LlmloadConfig.load();
    private final Keys bench = config.section("benchmark");
    private final int streams = bench.positiveInt("streams");
    private final LlmRun run = LlmRun.prepare(config,
            RunPlan.of("StreamingBenchmarkSimulation", "benchmark", GoodputCriteria.NONE, REQUEST, List.of(streams)));
    private final String prompt = "Write about the weather. ".repeat(bench.positiveInt("prompt-repeats"));
    private final CompletionCall call = new CompletionCall(ApiStyle.COMPLETIONS, run.targetSettings().model(),
            bench.positiveInt("max-tokens"), 0.0, bench.bool("stream"), true);
    private final double warmUpSeconds = bench.duration("warm-up").toMillis() / 1000.0;

    private ChainBuilder stream(int level) {
        return group(ClosedLadder.groupName(level)).on(exec(
                OpenAi.request(REQUEST, call, run.target()).prompt(session -> prompt + session.userId())));
    }

    {
        setUp(run.inSequenceThenSloGate(ClosedLadder.of("benchmark", List.of(streams), bench.positiveDuration("hold-time"), run.injector(), this::stream)));
    }

    @Override
    public void before() {
        run.start();
    }

    /** With the embedded emulator: its ground truth joined with the request log, see {@link AccuracyReport}. */
    @Override
    public void after() {
        run.finish();
        if (run.emulator() == null) return;
        Path requests = run.reportDirectory().resolve(RequestLog.FILE);
        if (!Files.exists(requests)) throw new IllegalStateException("the accuracy report needs report.request-log = true");
        try {
            Path traces = run.reportDirectory().resolve("emulator-traces.jsonl");
            run.emulator().groundTruth().writeJsonl(traces);
            AccuracyReport accuracy = AccuracyReport.of(requests, traces);
            String text = "streams=" + streams + " " + accuracy.text(warmUpSeconds);
            System.out.print(text);
            Path dir = Files.createDirectories(Path.of("target", "llmload", "bench"));
            Files.writeString(dir.resolve("accuracy-" + streams + "-streams.txt"), text);
            Files.writeString(dir.resolve("accuracy-" + streams + "-streams.csv"), accuracy.csv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
