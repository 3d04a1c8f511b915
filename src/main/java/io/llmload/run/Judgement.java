package io.llmload.run;

import io.llmload.client.ServerScraper;
import io.llmload.compare.Regression;
import io.llmload.compare.RegressionGate;
import io.llmload.compare.RegressionSection;
import io.llmload.config.ConfigError;
import io.llmload.config.CostSettings;
import io.llmload.config.InfluxSettings;
import io.llmload.config.LlmloadConfig;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloEvaluator;
import io.llmload.metrics.SloResult;
import io.llmload.metrics.SloSpec;
import io.llmload.report.RunFacts;
import io.llmload.report.Summary;

import java.nio.file.Path;
import java.util.List;

/**
 * What judges a run once it is measured: the SLOs of {@code slo.<section>}, the alert bands of
 * {@code alerts.<section>}, the regression rules and the prices, read for its plan. A run judges its
 * own figures with it, and the merge of several injectors' parts judges theirs with the same.
 */
public final class Judgement {

    private final RunPlan plan;
    private final List<SloSpec> slos;
    private final List<SloSpec> alerts;
    private final CostSettings cost;
    private final RegressionGate regression;

    /** Reads and checks the plan's SLOs, alert bands and regression rules; a problem is one line naming the key. */
    public Judgement(LlmloadConfig config, RunPlan plan) {
        this.plan = plan;
        this.slos = config.raw().hasPath("slo." + plan.sloSection())
                ? SloSpec.parseAll(config.section("slo." + plan.sloSection())) : List.of();
        this.alerts = config.raw().hasPath("alerts." + plan.alertsSection())
                ? SloSpec.parseAll(config.section("alerts." + plan.alertsSection())) : List.of();
        this.cost = CostSettings.from(config.section("cost"));
        this.regression = RegressionGate.prepare(config, plan.sloSection(), plan.mainRequest());
        if (regression != null && !config.section("report").bool("request-log")) {
            throw new ConfigError("report.request-log: the regression gate (regression.baseline) compares tonight's requests; set it to true");
        }
        PlanChecks.require(plan, slos, alerts, regression == null ? List.of() : regression.rules());
    }

    public List<SloSpec> slos() {
        return slos;
    }

    public List<SloSpec> alerts() {
        return alerts;
    }

    public CostSettings cost() {
        return cost;
    }

    /** The regression gate (regression.baseline set), or null. */
    public RegressionGate regression() {
        return regression;
    }

    /** The specs as judged: a band of levels becomes one spec at each level of the run inside it. */
    public List<SloSpec> judged(List<SloSpec> specs, LlmMetrics metrics) {
        List<Integer> levels = plan.levelsFixed() ? plan.levels().get()
                : metrics.levels(plan.mainRequest()).stream().map(s -> s.level()).toList();
        return SloSpec.judgedAt(specs, levels);
    }

    /** The specs that can be judged before the levels are known: all of them when they are fixed, else those without a band. */
    public List<SloSpec> knownBeforeRun(List<SloSpec> specs, LlmMetrics metrics) {
        return plan.levelsFixed() ? judged(specs, metrics) : specs.stream().filter(s -> !s.hasBand()).toList();
    }

    public List<SloResult> evaluateSlos(LlmMetrics metrics) {
        return slos.isEmpty() ? List.of() : SloEvaluator.evaluate(judged(slos, metrics), metrics, plan.mainRequest());
    }

    /**
     * Adds the sections judged from the figures: the warm-up kept out, the recommended level, the
     * cost per million tokens, the alert bands (server-side ones need {@code scraper}, else null).
     */
    public void addSections(RunFacts facts, LlmMetrics metrics, ServerScraper scraper) {
        String request = plan.mainRequest();
        if (!metrics.warmUp().isNone()) facts.add(WarmUpSection.of(metrics, request));
        if (plan.levelsFixed() && plan.levels().get().size() > 1 && !slos.isEmpty()) facts.add(Recommendation.of(slos, metrics, request));
        if (plan.servesModels() && cost.gpuPriced()) facts.add(CostSection.of(cost, metrics.levels(request)));
        if (!alerts.isEmpty()) facts.add(new Summary.Alerts(AlertBands.evaluate(judged(alerts, metrics), metrics, request, scraper)));
    }

    /**
     * With {@code regression.baseline = influx}: reads the passing nights of this simulation and target
     * from InfluxDB (which needs {@code influx.enabled}; without it every rule is left not compared).
     */
    public void loadNightsBaseline(InfluxSettings influx, String targetTag, String runId) {
        if (regression == null || !regression.fromInflux()) return;
        if (influx.enabled()) regression.loadNights(influx, plan.simulation(), targetTag, runId);
        else System.out.println("[llmload] regression: regression.baseline = influx needs influx.enabled; every rule is left not compared");
    }

    /** The regression rules judged on the requests of {@code requestLog} (llm-requests.jsonl). */
    public List<Regression> judgeRegressions(Path requestLog) {
        return regression.judge(requestLog);
    }

    public RegressionSection regressionSection(List<Regression> judged) {
        return new RegressionSection(regression.baselineDescription(), RegressionSection.METHOD, judged);
    }
}
