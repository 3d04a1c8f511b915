package io.llmload.run;

import io.llmload.compare.RegressionRule;
import io.llmload.config.ConfigError;
import io.llmload.metrics.SloSpec;

import java.util.List;

/**
 * What a run's SLOs, alert bands and regression rules must agree with before any load: a rule
 * pinned to a level the run does not include could only ever report "no request ran", and a figure
 * of the server's own (queue depth, GPU memory) is for alert bands, not an SLO.
 */
final class PlanChecks {

    private PlanChecks() {
    }

    static void require(RunPlan plan, List<SloSpec> slos, List<SloSpec> alerts, List<RegressionRule> regressionRules) {
        for (SloSpec slo : slos) {
            if (slo.metric().serverName() != null) {
                throw new ConfigError("slo." + plan.sloSection() + "." + slo.name() + ".metric: " + slo.metric().key()
                        + " is a figure of the server's own, for alert bands (alerts.<workload>), not an SLO");
            }
        }
        if (!plan.levelsFixed()) return;
        List<Integer> levels = plan.levels().get();
        for (SloSpec slo : slos) requireLevel(slo.atLevel(), slo.level(), "slo." + plan.sloSection() + "." + slo.name(), levels);
        for (SloSpec alert : alerts) requireLevel(alert.atLevel(), alert.level(), "alerts." + plan.alertsSection() + "." + alert.name(), levels);
        for (RegressionRule rule : regressionRules) {
            requireLevel(rule.atLevel(), rule.level(), "regression." + plan.sloSection() + "." + rule.name(), levels);
        }
    }

    private static void requireLevel(boolean pinned, int level, String key, List<Integer> levels) {
        if (pinned && !levels.contains(level)) {
            throw new ConfigError(key + ".level: c=" + level + " is not one of this run's levels " + levels
                    + "; pin it to one of them or leave the level out");
        }
    }
}
