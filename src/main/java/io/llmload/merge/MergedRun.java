package io.llmload.merge;

import com.typesafe.config.ConfigFactory;
import io.llmload.compare.Regression;
import io.llmload.compare.RegressionSection;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.InfluxSettings;
import io.llmload.config.InjectorSettings;
import io.llmload.config.LlmloadConfig;
import io.llmload.config.TargetSettings;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloResult;
import io.llmload.metrics.WarmUp;
import io.llmload.report.InjectorResults;
import io.llmload.report.RequestLog;
import io.llmload.report.RunFacts;
import io.llmload.report.RunReport;
import io.llmload.report.Summary;
import io.llmload.run.Judgement;
import io.llmload.run.RunPlan;
import io.llmload.run.StoppedEarly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One test's figures and verdicts from its injectors' parts: the parts' counters added and their
 * histograms merged (so percentiles are those of all requests, never an average of percentiles),
 * then judged as {@code LlmRun} judges one run: SLOs, alert bands, recommendation, cost, regression.
 */
public final class MergedRun {

    /** What the merge found: the summary, the SLO verdicts, the regression verdicts (null: none asked) and whether all injectors took part. */
    public record Outcome(Summary.Run summary, List<SloResult> slos, List<Regression> regressions, boolean complete, Path directory) {

        public boolean passed() {
            return slos.stream().allMatch(SloResult::passed) && (regressions == null || regressions.stream().allMatch(Regression::passed));
        }
    }

    private MergedRun() {
    }

    public static Outcome merge(InjectorSet set, Path out) throws IOException {
        InjectorResults first = set.first();
        LlmloadConfig config = LlmloadConfig.load(ConfigFactory.parseString(first.config().toString()));
        InjectorResults.Plan p = first.plan();
        GoodputCriteria goodput = new GoodputCriteria(Duration.ofMillis(p.goodputE2eMaxMillis()), Duration.ofMillis(p.goodputTtftMaxMillis()),
                Duration.ofMillis(p.goodputTpotMaxMillis()));
        RunPlan plan = new RunPlan(first.simulation(), p.sloSection(), p.alertsSection(), goodput, p.requests(), p::levels,
                p.levelsFixed(), p.servesModels(), p.warmUpSection());
        LlmMetrics metrics = new LlmMetrics(goodput, p.truncationWarningRatio(), WarmUp.of(config, p.warmUpSection()));
        for (InjectorResults part : set.present()) part.addTo(metrics);
        Judgement judgement = new Judgement(config, plan);

        long started = set.present().stream().mapToLong(InjectorResults::startedMillis).min().orElseThrow();
        long finished = set.present().stream().mapToLong(InjectorResults::finishedMillis).max().orElseThrow();
        RunFacts facts = new RunFacts(first.simulation(), first.runId(), first.target(), first.model(), Instant.ofEpochMilli(started).toString());
        facts.finished(Instant.ofEpochMilli(finished).toString());
        InjectorsSection injectors = injectorsSection(set, plan, InjectorSettings.from(config.section("injector")).maxSkew());
        facts.add(injectors);
        List<String> stopped = set.present().stream().filter(r -> r.stoppedEarly() != null)
                .map(r -> r.injector().id() + ": " + r.stoppedEarly()).toList();
        if (!stopped.isEmpty()) facts.add(new StoppedEarly(String.join("; ", stopped)));

        List<SloResult> slos = judgement.evaluateSlos(metrics);
        judgement.addSections(facts, metrics, null);
        Files.createDirectories(out);
        Path requestLog = out.resolve(RequestLog.FILE);
        boolean haveLogs = RequestLogMerger.merge(set.folders().stream().map(f -> f.resolve(RequestLog.FILE)).toList(), requestLog);
        List<Regression> regressions = null;
        RegressionSection regressionSection = null;
        if (judgement.regression() != null) {
            if (!haveLogs) {
                System.out.println("[llmload] merge: regression rules not judged: an injector folder has no " + RequestLog.FILE);
            } else {
                TargetSettings target = TargetSettings.from(config.section("target"));
                judgement.loadNightsBaseline(InfluxSettings.from(config.section("influx")), target.influxTag(target.baseUrl()), first.runId());
                regressions = judgement.judgeRegressions(requestLog);
                regressionSection = judgement.regressionSection(regressions);
                facts.add(regressionSection);
            }
        }
        Summary.Run summary = RunReport.summary(facts, metrics, plan.requests(), p.levels(), slos);
        RunReport.write(summary, slos, out);
        if (regressionSection != null) RunReport.writeJUnit(out, "regression", plan.simulation(), regressionSection.junit(plan.simulation()));
        return new Outcome(summary, slos, regressions, injectors.complete(), out);
    }

    private static InjectorsSection injectorsSection(InjectorSet set, RunPlan plan, Duration maxSkew) {
        List<InjectorsSection.Row> rows = new ArrayList<>();
        for (int i = 0; i < set.present().size(); i++) {
            InjectorResults r = set.present().get(i);
            long requests = 0;
            long ok = 0;
            long ko = 0;
            for (InjectorResults.Part part : r.parts()) {
                if (part.level() != LlmMetrics.ALL_LEVELS || part.warmUp()) continue;
                requests += part.counters().ok() + part.counters().ko();
                ok += part.counters().ok();
                ko += part.counters().ko();
            }
            InjectorResults.ClockReading clock = r.clock();
            rows.add(new InjectorsSection.Row(r.injector().index(), r.injector().id(), set.folders().get(i).toString(), requests, ok, ko,
                    clock == null ? null : clock.offsetMillis(), clock == null ? null : clock.uncertaintyMillis(), r.stoppedEarly()));
        }
        rows.sort(Comparator.comparingInt(InjectorsSection.Row::index));
        boolean complete = set.missing().isEmpty() && rows.stream().allMatch(r -> r.stoppedEarly() == null);
        return new InjectorsSection(set.count(), complete, rows, set.missing(), Skew.warnings(set.present(), plan.mainRequest(), maxSkew));
    }
}
