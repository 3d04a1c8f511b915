package io.llmload.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.llmload.config.Keys;
import io.llmload.config.LlmloadConfig;
import io.llmload.emulator.GroundTruth;
import io.llmload.emulator.RequestTrace;
import io.llmload.metrics.GoodputCriteria;
import io.llmload.metrics.RequestRecord;
import io.llmload.run.ClosedLadder;
import io.llmload.run.LlmRun;
import io.llmload.target.ApiStyle;
import io.llmload.target.CompletionCall;
import io.llmload.target.OpenAi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

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
    private final LlmRun run = LlmRun.prepare("StreamingBenchmarkSimulation", config, "benchmark", GoodputCriteria.NONE);
    private final String prompt = "Write about the weather. ".repeat(bench.positiveInt("prompt-repeats"));
    private final CompletionCall call = new CompletionCall(ApiStyle.COMPLETIONS, run.targetSettings().model(),
            bench.positiveInt("max-tokens"), 0.0, bench.bool("stream"), true);
    private final long warmUp = bench.duration("warm-up").toNanos();
    private final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();

    private ScenarioBuilder streams(int level) {
        return scenario("benchmark " + ClosedLadder.groupName(level))
                .exec(session -> session.set(OpenAi.LEVEL_ATTRIBUTE, level))
                .exec(group(ClosedLadder.groupName(level)).on(exec(
                        OpenAi.request(REQUEST, call, run.target()).prompt(session -> prompt + session.userId()))));
    }

    {
        run.metrics().addListener(this::keep);
        setUp(run.inSequenceThenSloGate(ClosedLadder.of(List.of(streams), bench.positiveDuration("hold-time"), this::streams), REQUEST));
    }

    private void keep(RequestRecord r) {
        if (r.ok() && r.responseId() != null) {
            ids.add(r.responseId());
            samples.add(new long[]{r.sendNanos(), r.ttftNanos(), r.e2eNanos()});
        }
    }

    @Override
    public void before() {
        run.start();
    }

    @Override
    public void after() {
        run.finish(REQUEST, List.of(streams));
        if (run.emulator() != null) writeAccuracy(run.emulator().groundTruth());
    }

    /**
     * Per request, with client and emulator on one clock: how late the client saw the first and the
     * last byte after the emulator wrote them (the suite's measurement error), how long the request
     * took to reach the emulator (part of TTFT, as on a network), and how far the emulator's writes
     * trail its own model (the emulator's error, not the suite's).
     */
    private void writeAccuracy(GroundTruth truth) {
        List<Double> ttftError = new ArrayList<>();
        List<Double> e2eError = new ArrayList<>();
        List<Double> requestTransit = new ArrayList<>();
        List<Double> emulatorLag = new ArrayList<>();
        List<Double> emulatorQueue = new ArrayList<>();
        List<Long> ttftSent = new ArrayList<>();
        List<Long> e2eSent = new ArrayList<>();
        var idIt = ids.iterator();
        StringBuilder csv = new StringBuilder("send_s,ttft_error_ms,e2e_error_ms,request_transit_ms,emulator_lag_ms\n");
        long first = samples.stream().mapToLong(x -> x[0]).min().orElse(0);
        for (long[] s : samples) {
            RequestTrace t = truth.find(idIt.next()).orElse(null);
            if (t == null || t.firstTokenWrittenNanos() < 0) continue;
            long sent = s[0];
            if (s[1] >= 0) {
                ttftError.add((sent + s[1] - t.firstTokenWrittenNanos()) / 1e6);
                ttftSent.add(sent);
            }
            e2eError.add((sent + s[2] - t.completedWrittenNanos()) / 1e6);
            e2eSent.add(sent);
            requestTransit.add((t.arrivalNanos() - sent) / 1e6);
            emulatorLag.add((t.firstTokenWrittenNanos() - t.firstTokenModelNanos()) / 1e6);
            emulatorQueue.add(t.queueMillis());
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%.3f%n", (sent - first) / 1e9,
                    s[1] >= 0 ? (sent + s[1] - t.firstTokenWrittenNanos()) / 1e6 : Double.NaN,
                    (sent + s[2] - t.completedWrittenNanos()) / 1e6, (t.arrivalNanos() - sent) / 1e6,
                    (t.firstTokenWrittenNanos() - t.firstTokenModelNanos()) / 1e6));
        }
        String report = String.format(Locale.ROOT, "streams=%d requests=%d (all)%n%s%n%s%n%s%n%s%n%s%n", streams, e2eError.size(),
                line("TTFT error (client saw first chunk - emulator wrote it)", ttftError),
                line("E2E error (client saw last byte - emulator wrote it)", e2eError),
                line("request transit (emulator received - client sent)", requestTransit),
                line("emulator queue (admitted - received: parsing, waiting for a step)", emulatorQueue),
                line("emulator lag (first write - model step end)", emulatorLag))
                + String.format(Locale.ROOT, "after the first %d s (warm-up: JIT, connections)%n%s%n%s%n%s%n", warmUp / 1_000_000_000L,
                line("TTFT error", warm(ttftError, ttftSent, first)),
                line("E2E error", warm(e2eError, e2eSent, first)),
                line("emulator lag", warm(emulatorLag, e2eSent, first)));
        System.out.print(report);
        try {
            Path dir = Files.createDirectories(Path.of("target", "llmload", "bench"));
            Files.writeString(dir.resolve("accuracy-" + streams + "-streams.txt"), report);
            Files.writeString(dir.resolve("accuracy-" + streams + "-streams.csv"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Double> warm(List<Double> values, List<Long> sent, long first) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (sent.get(i) - first >= warmUp) out.add(values.get(i));
        }
        return out;
    }

    private static String line(String name, List<Double> values) {
        return AccuracyReport.line(name, values);
    }
}
