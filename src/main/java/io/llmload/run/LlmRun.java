package io.llmload.run;


import io.gatling.javaapi.core.PopulationBuilder;
import io.llmload.config.ConfigError;
import io.llmload.config.EffectiveConfig;
import io.llmload.config.InfluxSettings;
import io.llmload.config.LlmloadConfig;
import io.llmload.sink.InfluxSink;
import io.llmload.sink.SinkStats;
import io.llmload.config.RunPodWorkload;
import io.llmload.client.runpod.RunPodEndpoint;
import io.llmload.config.TargetSettings;
import io.llmload.emulator.EmulatorSettings;
import io.llmload.emulator.LlmEndpointEmulator;
import io.llmload.config.GoodputCriteria;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloEvaluator;
import io.llmload.metrics.SloResult;
import io.llmload.metrics.SloSpec;
import io.llmload.report.RequestLog;
import io.llmload.report.RunReport;
import io.llmload.client.Endpoint;
import io.llmload.client.RunTarget;
import io.llmload.client.Transport;
import io.llmload.client.Transports;
import io.llmload.client.ReadLimits;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One run of a simulation: reads and validates the configuration in the simulation's constructor
 * (so bad input stops the run before any load), starts the embedded emulator and the client in
 * {@code before()}, and in {@code after()} prints the summary, writes the report files and
 * evaluates the SLOs.
 */
public final class LlmRun {

    private static volatile LlmRun current;
    private static final java.time.format.DateTimeFormatter RUN_ID_TIME = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final String simulation;
    private final LlmloadConfig config;
    private final TargetSettings target;
    private final List<SloSpec> slos;
    private final List<SloSpec> alerts;
    private final InfluxSettings influxSettings;
    private InfluxSink sink;
    private String runId;
    private final LlmMetrics metrics;
    private final Map<String, Object> runInfo = new java.util.LinkedHashMap<>();
    private LlmEndpointEmulator emulator;
    private Transport transport;
    private RequestLog requestLog;
    private volatile RunTarget live;
    private Instant startedAt;
    private Path reportDirectory;
    private List<SloResult> sloResults = List.of();
    /** What the start-up line says about the key, when the run's requests carry another than the target's (RunPod jobs). */
    private String clientNote;

    private LlmRun(String simulation, LlmloadConfig config, String workload, String alertsSection, GoodputCriteria goodput) {
        this.simulation = simulation;
        this.config = config;
        this.target = TargetSettings.from(config.section("target"));
        this.slos = config.raw().hasPath("slo." + workload)
                ? SloSpec.parseAll(config.section("slo." + workload)) : List.of();
        this.alerts = config.raw().hasPath("alerts." + alertsSection)
                ? SloSpec.parseAll(config.section("alerts." + alertsSection)) : List.of();
        this.metrics = new LlmMetrics(goodput, target.truncationWarningRatio());
        this.influxSettings = InfluxSettings.from(config.section("influx"));
        if (target.embedded()) {
            // validate the emulator section now too, not when before() runs
            emulatorSettings();
        }
    }

    /** Loads the configuration; a problem is printed as one line and stops the simulation. */
    public static LlmRun prepare(String simulation, LlmloadConfig config, String workload, GoodputCriteria goodput) {
        return prepare(simulation, config, workload, workload, goodput);
    }

    /**
     * @param workload      the {@code slo.<workload>} section that judges this run
     * @param alertsSection the {@code alerts.<name>} section of alert bands shown in the summary
     */
    public static LlmRun prepare(String simulation, LlmloadConfig config, String workload, String alertsSection,
                                 GoodputCriteria goodput) {
        LlmRun run = new LlmRun(simulation, config, workload, alertsSection, goodput);
        current = run;
        return run;
    }

    /** The most recent run of this JVM (tests read its metrics and results). */
    public static LlmRun current() {
        return current;
    }

    public LlmloadConfig config() {
        return config;
    }

    public TargetSettings targetSettings() {
        return target;
    }

    public List<SloSpec> slos() {
        return slos;
    }

    public LlmMetrics metrics() {
        return metrics;
    }

    public List<SloResult> sloResults() {
        return sloResults;
    }

    public LlmEndpointEmulator emulator() {
        return emulator;
    }

    /** Where llm-summary.* and llm-requests.jsonl were written (after {@link #finish}). */
    public Path reportDirectory() {
        return reportDirectory;
    }

    public Map<String, Object> runInfo() {
        return runInfo;
    }

    /** The live RunPod serverless endpoint for the actions: the target's base URL with this workload's id and key. */
    public Supplier<RunPodEndpoint> runPodEndpoint(RunPodWorkload workload) {
        Supplier<RunTarget> base = target();
        java.util.concurrent.atomic.AtomicReference<RunPodEndpoint> resolved = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> resolved.updateAndGet(existing -> existing != null ? existing
                : new RunPodEndpoint(base.get().endpoint().baseUri(), workload.endpointId(), workload.apiKey()));
    }

    /** For the actions: the live target, available once {@link #start()} ran. */
    public Supplier<RunTarget> target() {
        return () -> {
            RunTarget t = live;
            if (t == null) throw new IllegalStateException("LlmRun.start() was not called in before()");
            return t;
        };
    }

    /** Replaces what the start-up line says about the API key (a workload whose requests carry their own); ends with ", ". */
    public void describeClient(String note) {
        this.clientNote = note;
    }

    public void start() {
        startedAt = Instant.now();
        String baseUrl = target.baseUrl();
        if (target.embedded()) {
            emulator = LlmEndpointEmulator.start(emulatorSettings());
            baseUrl = emulator.baseUrl();
        }
        Endpoint endpoint = new Endpoint(URI.create(baseUrl), target.apiKey(), target.requestTimeout(),
                new ReadLimits(target.maxEventBytes(), target.maxBodyBytes()));
        transport = Transports.open(target.client(), target.httpVersion());
        live = new RunTarget(endpoint, transport, metrics);
        if (config.section("report").bool("request-log")) {
            requestLog = new RequestLog(Path.of("target", "llmload", "requests-" + simulation + "-" + startedAt.toEpochMilli() + ".jsonl"));
            metrics.addListener(requestLog);
        }
        runId = influxSettings.runId().isEmpty()
                ? simulation + "-" + RUN_ID_TIME.format(startedAt.atZone(java.time.ZoneOffset.UTC)) : influxSettings.runId();
        runInfo.put("simulation", simulation);
        runInfo.put("run_id", runId);
        runInfo.put("target", target.embedded() ? "embedded emulator at " + baseUrl : baseUrl);
        runInfo.put("model", target.model());
        runInfo.put("started", startedAt.toString());
        String note = (clientNote != null ? clientNote : endpoint.hasApiKey() ? "API key from $" + target.apiKeyEnv() + ", " : "")
                + transport.describe();
        System.out.println("[llmload] " + simulation + " -> " + runInfo.get("target") + " (model " + target.model() + ", " + note + ")");
        if (influxSettings.enabled()) startSink(baseUrl);
    }

    private void startSink(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String injector = influxSettings.injector().isEmpty() ? Hostname.get() : influxSettings.injector();
        Map<String, String> tags = Map.of("simulation", simulation, "run_id", runId, "injector", injector,
                "target", target.embedded() ? "embedded" : uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        sink = new InfluxSink(influxSettings, tags, metrics::inFlight);
        metrics.addListener(sink);
        sink.event("start", Map.of("config", EffectiveConfig.json(config), "model", target.model()));
        System.out.println("[llmload] streaming metrics to InfluxDB " + influxSettings.url() + " database "
                + influxSettings.database() + ", run_id " + runId);
    }

    /** The server requests go to (the emulator once started, else target.base-url), without /v1. */
    public URI serverRoot() {
        return target().get().endpoint().serverRoot();
    }

    /** The InfluxDB sink when {@code influx.enabled}, else null. */
    public InfluxSink sink() {
        return sink;
    }

    public String runId() {
        return runId;
    }

    /** The population that evaluates the SLOs once the load populations have finished. */
    public PopulationBuilder sloGate(String requestName) {
        return SloGate.population(() -> {
            sloResults = SloEvaluator.evaluate(slos, metrics, requestName);
            return sloResults;
        });
    }

    /** Runs the load populations one after the other, then the SLO gate. */
    public PopulationBuilder inSequenceThenSloGate(List<PopulationBuilder> load, String requestName) {
        List<PopulationBuilder> all = new java.util.ArrayList<>(load);
        all.add(sloGate(requestName));
        return ClosedLadder.inSequence(all);
    }

    /**
     * Prints the summary and writes the report files (after the SLO gate ran; a run cut short is
     * evaluated here). Gatling's assertions on the SLO gate then decide the build.
     */
    public List<SloResult> finish(String requestName, List<Integer> levels) {
        return finish(List.of(requestName), levels);
    }

    /** A run of several request names (a mixed workload): each gets its table; SLOs name their request. */
    public List<SloResult> finish(List<String> requestNames, List<Integer> levels) {
        String requestName = requestNames.get(0);
        try {
            runInfo.put("finished", Instant.now().toString());
            if (sloResults.isEmpty() && !slos.isEmpty()) sloResults = SloEvaluator.evaluate(slos, metrics, requestName);
            if (!alerts.isEmpty()) runInfo.put("alerts", AlertBands.evaluate(alerts, metrics, requestName));
            if (sink != null) closeSink(requestName);
            reportDirectory = RunReport.write(simulation, runInfo, metrics, requestNames, levels, sloResults);
            if (requestLog != null) requestLog.moveTo(reportDirectory);
        } finally {
            if (transport != null) transport.close();
            if (emulator != null) emulator.close();
        }
        return sloResults;
    }

    /** Ends a run that stopped before any load (a target not ready): releases the client, emulator and sink. */
    public void abort(String reason) {
        System.out.println("[llmload] " + simulation + " stopped before load: " + reason);
        if (requestLog != null) requestLog.discard();
        if (sink != null) sink.close();
        if (transport != null) transport.close();
        if (emulator != null) emulator.close();
    }

    private void closeSink(String requestName) {
        var overall = metrics.overall(requestName);
        long sloFailures = sloResults.stream().filter(r -> !r.passed()).count();
        sink.event("end", Map.of("requests", overall.requests(), "ok", overall.ok(), "ko", overall.ko(), "slo_failures", sloFailures));
        long closeStart = System.nanoTime();
        sink.close();
        long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
        SinkStats stats = sink.stats();
        runInfo.put("influx", Map.of("run_id", runId, "generated_points", stats.generated(), "written_points", stats.written(),
                "dropped_points", stats.dropped(), "failed_writes", stats.failedWrites(), "close_ms", closeMillis));
        System.out.println("[llmload] " + stats.describe());
        if (!influxSettings.grafanaUrl().isEmpty()) {
            String link = GrafanaLink.forRun(influxSettings.grafanaUrl(), simulation, runId, startedAt, Instant.now());
            runInfo.put("grafana", link);
            System.out.println("[llmload] Grafana: " + link);
        }
    }

    private EmulatorSettings emulatorSettings() {
        try {
            return EmulatorSettings.fromConfig(config.raw().getConfig("emulator"), target.model());
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigError(e.getMessage().lines().findFirst().orElse("emulator: invalid"));
        } catch (IllegalArgumentException e) {
            throw new ConfigError(e.getMessage());
        }
    }
}
