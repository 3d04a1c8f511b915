package io.llmload.run;

import io.llmload.metrics.LevelStats;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.Numbers;
import io.llmload.metrics.ServerReadings;
import io.llmload.metrics.SloEvaluator;
import io.llmload.metrics.SloResult;
import io.llmload.metrics.SloSpec;
import io.llmload.report.Summary;

import java.util.ArrayList;
import java.util.List;

/**
 * Monitoring alert bands ({@code alerts.<workload>}, written like SLOs): evaluated at every load
 * level and shown in the summary, but they never fail the build. An alert without a level is
 * checked at each level and over the whole run.
 */
final class AlertBands {

    private AlertBands() {
    }

    static List<Summary.Alert> evaluate(List<SloSpec> alerts, LlmMetrics metrics, String request) {
        return evaluate(alerts, metrics, request, null);
    }

    /** The same, judging bands on the server's own figures on what {@code server} sampled during each level. */
    static List<Summary.Alert> evaluate(List<SloSpec> alerts, LlmMetrics metrics, String request, ServerReadings server) {
        List<Summary.Alert> out = new ArrayList<>();
        for (SloSpec alert : alerts) {
            List<Integer> levels = new ArrayList<>();
            if (alert.atLevel()) {
                levels.add(alert.level());
            } else {
                for (LevelStats s : metrics.levels(request)) levels.add(s.level());
                levels.add(LlmMetrics.ALL_LEVELS);
            }
            for (int level : levels) {
                SloSpec atLevel = alert.atLevel(level);
                LevelStats span = level == LlmMetrics.ALL_LEVELS ? metrics.overall(request) : metrics.at(request, level);
                SloResult r = SloEvaluator.evaluate(atLevel, metrics, request, server, span.firstStartMillis(), span.lastEndMillis());
                if (Double.isNaN(r.measured())) continue;
                out.add(new Summary.Alert(alert.name(), level == LlmMetrics.ALL_LEVELS ? "all" : level, atLevel.describe(),
                        Numbers.round(r.measured()), alert.metric().unit(), !r.passed()));
            }
        }
        return out;
    }
}
