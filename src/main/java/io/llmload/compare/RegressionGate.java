package io.llmload.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.config.ConfigError;
import io.llmload.config.InfluxSettings;
import io.llmload.config.Keys;
import io.llmload.config.LlmloadConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regression gate of a run ({@code regression.*}): tonight's requests against a baseline, each
 * rule of {@code regression.<workload>} judged with a bootstrap confidence interval. The baseline is
 * a pinned {@code llm-summary.json} (a path, its folder, or an http(s) URL; its {@code llm-requests.jsonl}
 * beside it gives the baseline's own noise) or {@code influx}: the median of the last passing nights.
 */
public final class RegressionGate {

    public static final String INFLUX = "influx";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final String source;
    private final List<RegressionRule> rules;
    private final String request;
    private final int nights;
    private final Bootstrap bootstrap;
    private Baseline baseline;

    private RegressionGate(String source, List<RegressionRule> rules, String request, int nights, Bootstrap bootstrap) {
        this.source = source;
        this.rules = rules;
        this.request = request;
        this.nights = nights;
        this.bootstrap = bootstrap;
    }

    /**
     * The gate of {@code workload}, or null when {@code regression.baseline} is empty or the workload has
     * no rules. A pinned baseline is read now, so a wrong path stops the run before any load.
     */
    public static RegressionGate prepare(LlmloadConfig config, String workload, String request) {
        Keys section = config.section("regression");
        String source = section.string("baseline").trim();
        if (source.isEmpty() || !section.has(workload)) return null;
        List<RegressionRule> rules = RegressionRule.parseAll(section.section(workload));
        if (rules.isEmpty()) return null;
        double confidence = section.number("confidence");
        if (confidence <= 50 || confidence >= 100) throw new ConfigError(section.key("confidence") + ": expected a percentage in (50, 100), got " + confidence);
        RegressionGate gate = new RegressionGate(source, rules, request, section.positiveInt("nights"),
                new Bootstrap(section.positiveInt("resamples"), confidence, section.integer("seed")));
        if (!INFLUX.equals(source)) gate.baseline = pinned(source, section.key("baseline"), request, rules);
        return gate;
    }

    public List<RegressionRule> rules() {
        return rules;
    }

    public boolean fromInflux() {
        return INFLUX.equals(source);
    }

    /** Reads the nights baseline ({@code influx}) once the run knows its tags; a failure leaves every rule not compared. */
    public void loadNights(InfluxSettings influx, String simulation, String target, String runId) {
        try {
            baseline = NightsBaseline.load(influx, simulation, target, runId, nights, request, rules);
        } catch (RuntimeException e) {
            System.out.println("[llmload] regression: no baseline from InfluxDB " + influx.url() + ": " + e.getMessage());
        }
        if (baseline != null) System.out.println("[llmload] regression baseline: " + baseline.describe());
    }

    public String baselineDescription() {
        return baseline == null ? "none (" + source + " could not be read)" : baseline.describe();
    }

    /** Judges every rule on tonight's request log. */
    public List<Regression> judge(Path tonightRequestLog) {
        RunSamples tonight = RunSamples.read(tonightRequestLog, request);
        List<Regression> out = new ArrayList<>();
        for (RegressionRule rule : rules) {
            out.add(baseline == null ? Verdicts.notCompared(rule, Double.NaN, Statistic.of(rule, tonight.at(rule.level())), "no baseline")
                    : baseline.judge(rule, tonight.at(rule.level()), bootstrap));
        }
        return out;
    }

    /** Judges {@code rules} on two runs' folders (or summaries): the compare command. */
    public static List<Regression> compare(List<RegressionRule> rules, Path baselineSummary, Path tonightSummary, String request, Bootstrap bootstrap) {
        Baseline base = pinned(baselineSummary.toString(), "baseline", request, rules);
        RunSamples tonight = RunSamples.read(requestLogBeside(tonightSummary), request);
        List<Regression> out = new ArrayList<>();
        for (RegressionRule rule : rules) out.add(base.judge(rule, tonight.at(rule.level()), bootstrap));
        return out;
    }

    static Path requestLogBeside(Path summary) {
        return summary.resolveSibling("llm-requests.jsonl");
    }

    /** A pinned llm-summary.json: with its request log when one is beside it, else its figures alone. */
    private static Baseline pinned(String source, String key, String request, List<RegressionRule> rules) {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            JsonNode summary = parseSummary(fetch(URI.create(source), key), key, source);
            return fromSummary(summary, rules, source);
        }
        Path path = Path.of(source);
        Path summaryFile = Files.isDirectory(path) ? path.resolve("llm-summary.json") : path;
        if (!Files.isRegularFile(summaryFile)) throw new ConfigError(key + ": no llm-summary.json at " + summaryFile.toAbsolutePath());
        Path log = requestLogBeside(summaryFile);
        if (Files.isRegularFile(log)) return new RunBaseline(RunSamples.read(log, request), summaryFile);
        try (InputStream in = Files.newInputStream(summaryFile)) {
            return fromSummary(parseSummary(in.readAllBytes(), key, summaryFile.toString()), rules, summaryFile.toString());
        } catch (IOException e) {
            throw new ConfigError(key + ": cannot read " + summaryFile + ": " + e.getMessage());
        }
    }

    private static Baseline fromSummary(JsonNode summary, List<RegressionRule> rules, String source) {
        Map<String, ValueBaseline.Figure> figures = new LinkedHashMap<>();
        for (RegressionRule rule : rules) {
            double v = SummaryFigures.of(summary, rule);
            figures.put(rule.name(), new ValueBaseline.Figure(v, v, v, 1));
        }
        return new ValueBaseline(figures, source + " (its figures only: no llm-requests.jsonl beside it, so tonight's noise alone)");
    }

    private static byte[] fetch(URI uri, String key) {
        try {
            HttpResponse<byte[]> r = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build()
                    .send(HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new ConfigError(key + ": GET " + uri + " answered HTTP " + r.statusCode());
            return r.body();
        } catch (IOException e) {
            throw new ConfigError(key + ": GET " + uri + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigError(key + ": interrupted while fetching " + uri);
        }
    }

    private static JsonNode parseSummary(byte[] bytes, String key, String source) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ConfigError(key + ": " + source + " is not an llm-summary.json (not JSON)");
        }
    }
}
