package io.llmload.run;

import com.typesafe.config.ConfigException;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.llmload.client.ClockOffset;
import io.llmload.client.Endpoint;
import io.llmload.client.EndpointPool;
import io.llmload.client.LoadStop;
import io.llmload.client.ModelMix;
import io.llmload.client.ReadLimits;
import io.llmload.client.Readiness;
import io.llmload.client.RunTarget;
import io.llmload.client.ServerScraper;
import io.llmload.client.Transport;
import io.llmload.client.Transports;
import io.llmload.client.runpod.RunPodEndpoint;
import io.llmload.compare.Regression;
import io.llmload.compare.RegressionRule;
import io.llmload.compare.RegressionSection;
import io.llmload.config.ConfigError;
import io.llmload.config.CostSettings;
import io.llmload.config.EffectiveConfig;
import io.llmload.config.InfluxSettings;
import io.llmload.config.InjectorSettings;
import io.llmload.config.Keys;
import io.llmload.config.LiveSettings;
import io.llmload.config.LlmloadConfig;
import io.llmload.config.RunPodWorkload;
import io.llmload.config.TargetSettings;
import io.llmload.emulator.EmulatorSettings;
import io.llmload.emulator.LlmEndpointEmulator;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloResult;
import io.llmload.metrics.SloSpec;
import io.llmload.metrics.WarmUp;
import io.llmload.os.JitThreads;
import io.llmload.os.ThreadPolicy;
import io.llmload.report.InjectorResults;
import io.llmload.report.RequestLog;
import io.llmload.report.RunFacts;
import io.llmload.report.RunReport;
import io.llmload.report.Section;
import io.llmload.report.Summary;
import io.llmload.sink.InfluxSink;
import io.llmload.sink.SinkStats;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.details;

/**
 * One run of a simulation, the lifecycle every workload shares: reads and validates the
 * configuration in the simulation's constructor (so bad input stops the run before any load),
 * starts the embedded emulator, the client and the sink in {@code before()}, and in {@code after()}
 * evaluates the SLOs and alert bands, prints the summary and writes the report files. Workloads add
 * typed sections to the summary ({@link #section}) and files of their own next to it.
 */
public final class LlmRun {

    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(1);
    private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(10);

    private final RunPlan plan;
    private final LlmloadConfig config;
    private final TargetSettings target;
    private final Judgement judgement;
    private final InfluxSettings influxSettings;
    private final LlmMetrics metrics;
    private InfluxSink sink;
    private String runId;
    private RunFacts facts;
    private LlmEndpointEmulator emulator;
    /** emulator.instances > 1: the embedded target's other servers. */
    private final List<LlmEndpointEmulator> moreEmulators = new ArrayList<>();
    private Transport transport;
    /** The transport, opened (the netty client's ~1 s read-path warm-up) while Gatling and the emulator start. */
    private final CompletableFuture<Transport> opening;
    private RequestLog requestLog;
    /** How often the request log is written out; null when {@code report.request-log} is off. */
    private final Duration requestLogFlush;
    private volatile RunTarget live;
    private final LoadStop loadStop = new LoadStop();
    private final InjectorSettings injector;
    private final LiveSettings liveSettings;
    private LiveWatch watch;
    /** injector.jit-thread-scheduling = idle: the JIT's threads kept off the event loops' core while the run is light. */
    private JitThreads jit;
    private ServerScraper serverScraper;
    private Instant startedAt;
    private ClockOffset.Measured clockOffset;
    private Path reportDirectory;
    private List<SloResult> sloResults = List.of();
    private List<Regression> regressions;
    /** What the start-up line says about the key, when the run's requests carry another than the target's (RunPod jobs). */
    private String keyNote;

    private LlmRun(LlmloadConfig config, RunPlan plan) {
        this.plan = plan;
        this.config = config;
        this.target = TargetSettings.from(config.section("target"));
        this.judgement = new Judgement(config, plan);
        this.injector = InjectorSettings.from(config.section("injector"));
        this.metrics = new LlmMetrics(plan.goodput(), target.truncationWarningRatio(),
                WarmUp.of(config, plan.warmUpSection()), injector::share);
        this.influxSettings = InfluxSettings.from(config.section("influx"));
        this.liveSettings = LiveSettings.from(config.section("alerts"), config.section("abort"));
        Keys report = config.section("report");
        this.requestLogFlush = report.bool("request-log") ? report.positiveDuration("request-log-flush") : null;
        if (injector.scaledOut() && !plan.levelsFixed()) {
            throw new ConfigError("injector.count = " + injector.count() + ": " + plan.simulation()
                    + " decides its levels while it runs and cannot be split across injectors; run it on one (injector.count = 1)");
        }
        if (target.embedded()) {
            // validate the emulator section now too, not when before() runs
            emulatorSettings();
        }
        this.opening = openTransportAside(target);
    }

    private static CompletableFuture<Transport> openTransportAside(TargetSettings target) {
        CompletableFuture<Transport> opened = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opened.complete(Transports.open(target.client(), target.httpVersion()));
            } catch (RuntimeException | Error e) {
                opened.completeExceptionally(e);
            }
        }, "llmload-client-warm-up");
        opener.setDaemon(true);
        opener.start();
        return opened;
    }

    private Transport openedTransport() {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    /** Loads the run's settings; a problem is one line naming the key, and stops the simulation before load. */
    public static LlmRun prepare(LlmloadConfig config, RunPlan plan) {
        return new LlmRun(config, plan);
    }

    public RunPlan plan() {
        return plan;
    }

    /** The configured prices (cost.*). */
    public CostSettings cost() {
        return judgement.cost();
    }

    /** Which share of a scaled-out test this process runs ({@code injector.*}). */
    public InjectorSettings injector() {
        return injector;
    }

    public TargetSettings targetSettings() {
        return target;
    }

    public List<SloSpec> slos() {
        return judgement.slos();
    }

    public LlmMetrics metrics() {
        return metrics;
    }

    /** The embedded emulator while the run is on, or null against a real endpoint. */
    public LlmEndpointEmulator emulator() {
        return emulator;
    }

    /** Where llm-summary.* and llm-requests.jsonl were written (after {@link #finish}). */
    public Path reportDirectory() {
        return reportDirectory;
    }

    /** What the run is, beside what it measured; its sections go into the summary. */
    public RunFacts facts() {
        return facts;
    }

    /** Adds a typed section to the run's summary (load fidelity, server view, job health ...). */
    public void section(Section section) {
        facts.add(section);
    }

    /** The live RunPod serverless endpoint for the actions: the target's base URL with this workload's id and key. */
    public Supplier<RunPodEndpoint> runPodEndpoint(RunPodWorkload workload) {
        Supplier<RunTarget> base = target();
        AtomicReference<RunPodEndpoint> resolved = new AtomicReference<>();
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
    public void describeKey(String note) {
        this.keyNote = note;
    }

    public void start() {
        startedAt = Instant.now();
        String simulation = plan.simulation();
        List<String> baseUrls = target.baseUrls();
        if (target.embedded()) {
            emulator = LlmEndpointEmulator.start(emulatorSettings());
            baseUrls = new ArrayList<>(List.of(emulator.baseUrl()));
            for (int i = 1; i < config.raw().getInt("emulator.instances"); i++) {
                LlmEndpointEmulator another = LlmEndpointEmulator.start(emulatorSettings());
                moreEmulators.add(another);
                baseUrls.add(another.baseUrl());
            }
        }
        String baseUrl = baseUrls.get(0);
        List<Endpoint> endpoints = new ArrayList<>();
        for (String url : baseUrls) {
            endpoints.add(new Endpoint(URI.create(url), target.apiKey(), target.requestTimeout(), new ReadLimits(target.maxEventBytes(), target.maxBodyBytes())));
        }
        Endpoint endpoint = endpoints.get(0);
        // checked while the client's warm-up (on its own thread) finishes; said after the run's line below
        String ready = plan.servesModels() ? ready(readiness -> {
            List<String> asked = target.models().isEmpty() ? List.of(target.model()) : target.models().stream().map(TargetSettings.WeightedModel::name).toList();
            Readiness.KeySource key = new Readiness.KeySource("target.api-key-env", target.apiKeyEnv());
            List<String> checked = new ArrayList<>();
            for (Endpoint server : endpoints) for (String model : asked) checked.add(readiness.requireModel(server, model, key));
            return String.join("; ", new LinkedHashSet<>(checked));
        }) : null;
        transport = openedTransport();
        live = new RunTarget(new EndpointPool(endpoints, target.balance()), new ModelMix(target.models(), target.modelsSeed()),
                transport, metrics, loadStop,
                injector.statsThreads() == InjectorSettings.StatsThreadScheduling.BATCH ? ThreadPolicy.BATCH : ThreadPolicy.NORMAL);
        if (requestLogFlush != null) {
            requestLog = new RequestLog(Path.of("target", "llmload", "requests-" + simulation + "-" + startedAt.toEpochMilli() + ".jsonl"),
                    requestLogFlush);
            metrics.addListener(requestLog);
        }
        runId = influxSettings.runId().isEmpty()
                ? simulation + "-" + RUN_ID_TIME.format(startedAt.atZone(ZoneOffset.UTC)) : influxSettings.runId();
        String shownTarget = (target.embedded() ? "embedded emulator at " : "") + String.join(", ", baseUrls)
                + (baseUrls.size() > 1 ? " (" + target.balance().name().toLowerCase(Locale.ROOT).replace('_', '-') + ")" : "");
        facts = new RunFacts(simulation, runId, shownTarget, target.model(), startedAt.toString());
        String note = (keyNote != null ? keyNote : endpoint.hasApiKey() ? "API key from $" + target.apiKeyEnv() + ", " : "")
                + transport.describe();
        System.out.println("[llmload] " + simulation + " -> " + shownTarget + " (model " + target.model() + ", " + note + ")");
        if (injector.scaledOut()) measureClock(endpoint);
        if (ready != null) System.out.println("[llmload] target ready: " + ready);
        if (influxSettings.enabled()) startSink(baseUrl);
        judgement.loadNightsBaseline(influxSettings, target.influxTag(baseUrl), runId);
        if (plan.servesModels() && plan.levelsFixed()) startServerScraper(endpoint);
        List<SloSpec> liveAlerts = judgement.knownBeforeRun(judgement.alerts(), metrics);
        watch = new LiveWatch(liveSettings, liveAlerts, plan.mainRequest(), metrics, sink, loadStop, serverScraper, System::currentTimeMillis);
        metrics.addListener(watch);
        watch.start();
        // after the client's warm-up, whose compiles must not wait
        if (injector.jitThreads() == InjectorSettings.JitThreadScheduling.IDLE) jit = JitThreads.idleWhileLight(injector.jitIdleBelow());
    }

    /** Scaled out: how far this injector's clock is from the target's, for the merge to check the injectors agree. */
    private void measureClock(Endpoint endpoint) {
        clockOffset = ClockOffset.measure(endpoint.baseUri(), target.requestTimeout()).orElse(null);
        System.out.println("[llmload] injector " + (injector.index() + 1) + " of " + injector.count() + " (" + injector.id()
                + "), levels from " + injector.startAt() + "; " + (clockOffset == null ? "the target sends no Date header: clock offset unknown"
                : "target clock " + String.format(Locale.ROOT, "%+d", clockOffset.offsetMillis()) + " ms ± " + clockOffset.uncertaintyMillis() + " ms from this injector's"));
    }

    /** Samples the server's /metrics and DCGM ({@code server-metrics.*}) for the summary, InfluxDB and the alert bands. */
    private void startServerScraper(Endpoint endpoint) {
        Keys settings = config.section("server-metrics");
        String prometheus = settings.string("prometheus-url").trim();
        String dcgm = settings.string("dcgm-url").trim();
        URI metricsUri = endpoint.metrics(prometheus);
        URI dcgmUri = dcgm.isEmpty() ? null : URI.create(dcgm);
        if (metricsUri == null && dcgmUri == null) return;
        serverScraper = new ServerScraper(metricsUri, dcgmUri, settings.positiveDuration("interval"), target.maxBodyBytes());
        serverScraper.start(reading -> {
            if (sink != null) sink.serverReading(reading.epochMillis(), reading.values());
        });
    }

    /** Stops the run before load, naming why, unless {@code probe} finds the target ready (it says what it checked). */
    public void requireReady(Function<Readiness, String> probe) {
        String ready = ready(probe);
        if (ready != null) System.out.println("[llmload] target ready: " + ready);
    }

    /** What {@code probe} checked (null when {@code target.ready-check} is off); a target not ready aborts the run. */
    private String ready(Function<Readiness, String> probe) {
        if (!target.readyCheck()) return null;
        Readiness readiness = new Readiness(target.requestTimeout(), target.maxBodyBytes(), target.readyWait());
        try {
            return probe.apply(readiness);
        } catch (Readiness.NotReady e) {
            abort(e.getMessage());
            throw e;
        }
    }

    private void startSink(String baseUrl) {
        String injectorTag = !influxSettings.injector().isEmpty() ? influxSettings.injector()
                : injector.scaledOut() ? injector.id() : Hostname.get();
        Map<String, String> tags = Map.of("simulation", plan.simulation(), "run_id", runId, "injector", injectorTag,
                "target", target.influxTag(baseUrl));
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

    /** The population that evaluates the SLOs once the load populations have finished. */
    public PopulationBuilder sloGate() {
        return SloGate.population(() -> {
            sloResults = judgement.evaluateSlos(metrics);
            List<SloGate.Entry> entries = new ArrayList<>();
            for (SloResult r : sloResults) entries.add(new SloGate.Entry(SloGate.GROUP, r.slo().name(), r.passed(), r.message()));
            if (judgement.regression() != null) {
                regressions = judgement.judgeRegressions(requestLog.flushed());
                for (Regression r : regressions) entries.add(new SloGate.Entry(SloGate.REGRESSION_GROUP, r.name(), r.passed(), r.message()));
            }
            return entries;
        });
    }

    /**
     * Runs the load populations one after the other, then the SLO gate. Scaled out, the load waits
     * for the agreed start and there is no gate: an injector's part is judged with the others' by the merge.
     */
    public PopulationBuilder inSequenceThenSloGate(List<PopulationBuilder> load) {
        List<PopulationBuilder> all = new ArrayList<>();
        if (injector.scaledOut()) all.add(ClosedLadder.waitUntil(injector.startAt(), "load"));
        all.addAll(load);
        if (!injector.scaledOut()) all.add(sloGate());
        return ClosedLadder.inSequence(all);
    }

    /**
     * Gatling's assertions of the SLOs (see {@link SloAssertions}): a band of levels has one at each of
     * the run's levels inside it; with levels decided while running, a band is judged in the summary only.
     * None on a scaled-out injector: its figures are a part; scripts/merge.sh judges the whole.
     */
    public List<Assertion> assertions() {
        // one injector of several holds part of the load: the merge of all of them gives the verdict
        if (injector.scaledOut()) return List.of();
        List<Assertion> all = new ArrayList<>(SloAssertions.of(judgement.knownBeforeRun(judgement.slos(), metrics), plan.mainRequest(), metrics));
        if (judgement.regression() != null) {
            for (RegressionRule rule : judgement.regression().rules()) all.add(details(SloGate.REGRESSION_GROUP, rule.name()).failedRequests().count().is(0L));
        }
        return all;
    }

    /**
     * Prints the summary and writes the report files (after the SLO gate ran; a run cut short is
     * evaluated here). Gatling's assertions on the SLO gate then decide the build.
     */
    public Summary.Run finish() {
        String request = plan.mainRequest();
        try {
            if (loadStop.reason() != null) awaitRequestsInFlight();
            facts.finished(Instant.now().toString());
            if (serverScraper != null) {
                serverScraper.close();
                facts.add(ServerSide.of(serverScraper, metrics.levels(request)));
            }
            if (watch != null) {
                watch.close();
                if (!judgement.alerts().isEmpty()) facts.add(new LiveAlerts(liveSettings.alertWindow().toSeconds() + " s", watch.episodes()));
            }
            if (loadStop.reason() != null) facts.add(new StoppedEarly(loadStop.reason()));
            if (sloResults.isEmpty()) sloResults = judgement.evaluateSlos(metrics);
            judgement.addSections(facts, metrics, serverScraper);
            RegressionSection regressionSection = null;
            if (judgement.regression() != null) {
                if (regressions == null) regressions = judgement.judgeRegressions(requestLog.flushed());
                regressionSection = judgement.regressionSection(regressions);
                facts.add(regressionSection);
            }
            if (sink != null) closeSink(request);
            if (injector.scaledOut()) facts.add(new InjectorPart(injector));
            Summary.Run summary = RunReport.summary(facts, metrics, plan.requests(), plan.levels().get(), sloResults);
            reportDirectory = RunReport.write(summary, sloResults);
            if (requestLog != null) requestLog.moveTo(reportDirectory);
            injectorResults().write(reportDirectory);
            if (regressionSection != null) RunReport.writeJUnit(reportDirectory, "regression", plan.simulation(), regressionSection.junit(plan.simulation()));
            return summary;
        } finally {
            if (jit != null) jit.close();
            if (transport != null) transport.close();
            closeEmulators();
        }
    }

    private void closeEmulators() {
        if (emulator != null) emulator.close();
        moreEmulators.forEach(LlmEndpointEmulator::close);
    }

    /** What the merge of a scaled-out test needs of this injector (written for every run: a run of one merges too). */
    private InjectorResults injectorResults() {
        var goodput = plan.goodput();
        var planned = new InjectorResults.Plan(plan.sloSection(), plan.alertsSection(), plan.requests(), plan.levels().get(),
                plan.levelsFixed(), plan.servesModels(), plan.warmUpSection(), goodput.e2eMax().toMillis(), goodput.ttftMax().toMillis(),
                goodput.tpotMax().toMillis(), metrics.truncationRatio());
        var config = InjectorResults.configTree(EffectiveConfig.json(this.config));
        return new InjectorResults(InjectorResults.FORMAT, plan.simulation(), runId, facts.target(), target.model(),
                new InjectorResults.Injector(injector.index(), injector.count(), injector.id()),
                injector.startAt() == null ? null : injector.startAt().toString(), startedAt.toEpochMilli(), System.currentTimeMillis(),
                InjectorResults.configHash(config), config, planned, loadStop.reason(),
                clockOffset == null ? null : new InjectorResults.ClockReading(clockOffset.offsetMillis(), clockOffset.uncertaintyMillis()),
                InjectorResults.parts(metrics));
    }

    /**
     * A run stopped early ends while requests are still in flight: each ends within its budget, so
     * wait up to one budget for them to be recorded, and the summary counts every request once.
     */
    private void awaitRequestsInFlight() {
        long deadline = System.nanoTime() + target.requestTimeout().toNanos() + IN_FLIGHT_GRACE.toNanos();
        try {
            while (metrics.inFlight() > 0 && System.nanoTime() < deadline) Thread.sleep(IN_FLIGHT_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends a run that stopped before any load (a target not ready): releases the client, emulator and sink. */
    public void abort(String reason) {
        System.out.println("[llmload] " + plan.simulation() + " stopped before load: " + reason);
        if (requestLog != null) requestLog.discard();
        if (watch != null) watch.close();
        if (jit != null) jit.close();
        if (serverScraper != null) serverScraper.close();
        if (sink != null) sink.close();
        if (transport != null) {
            transport.close();
        } else {
            // stopped before the client's warm-up was joined: its transport is closed when it is ready
            opening.thenAccept(Transport::close);
        }
        closeEmulators();
    }

    private void closeSink(String requestName) {
        var overall = metrics.overall(requestName);
        long sloFailures = sloResults.stream().filter(r -> !r.passed()).count();
        long regressionFailures = regressions == null ? 0 : regressions.stream().filter(r -> !r.passed()).count();
        long alertsFired = watch == null ? 0 : watch.episodes().size();
        // a night that did not complete is not a passing night, whatever its SLOs said
        sink.event("end", Map.of("requests", overall.requests(), "ok", overall.ok(), "ko", overall.ko(),
                "slo_failures", sloFailures + (loadStop.reason() != null ? 1 : 0), "regression_failures", regressionFailures,
                "alerts_fired", alertsFired, "completed", loadStop.reason() == null ? 1 : 0));
        long closeStart = System.nanoTime();
        sink.close();
        long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
        SinkStats stats = sink.stats();
        facts.add(new Summary.Influx(runId, stats.generated(), stats.written(), stats.dropped(), stats.failedWrites(), closeMillis));
        System.out.println("[llmload] " + stats.describe());
        if (!influxSettings.grafanaUrl().isEmpty()) {
            String link = GrafanaLink.forRun(influxSettings.grafanaUrl(), plan.simulation(), runId, startedAt, Instant.now());
            facts.add(new Summary.GrafanaLink(link));
            System.out.println("[llmload] Grafana: " + link);
        }
    }

    private EmulatorSettings emulatorSettings() {
        try {
            return EmulatorSettings.fromConfig(config.raw().getConfig("emulator"), target.model());
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage().lines().findFirst().orElse("emulator: invalid"));
        } catch (IllegalArgumentException e) {
            throw new ConfigError(e.getMessage());
        }
    }
}
