package io.llmload.run;

import io.llmload.metrics.LevelStats;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloEvaluator;
import io.llmload.metrics.SloResult;
import io.llmload.metrics.SloSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monitoring alert bands ({@code alerts.<workload>}, written like SLOs): evaluated at every load
 * level and shown in the summary, but they never fail the build. An alert without a level is
 * checked at each level and over the whole run.
 */
final class AlertBands {

    private AlertBands() {
    }

    static List<Map<String, Object>> evaluate(List<SloSpec> alerts, LlmMetrics metrics, String request) {
        List<Map<String, Object>> out = new ArrayList<>();
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
                SloResult r = SloEvaluator.evaluate(atLevel, metrics, request);
                if (Double.isNaN(r.measured())) continue;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("alert", alert.name());
                m.put("level", level == LlmMetrics.ALL_LEVELS ? "all" : level);
                m.put("band", atLevel.describe());
                m.put("measured", Math.round(r.measured() * 100) / 100.0);
                m.put("unit", alert.metric().unit());
                m.put("fired", !r.passed());
                out.add(m);
            }
        }
        return out;
    }
}
