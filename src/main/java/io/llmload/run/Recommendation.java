package io.llmload.run;

import io.llmload.metrics.LevelStats;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloEvaluator;
import io.llmload.metrics.SloResult;
import io.llmload.metrics.SloSpec;
import io.llmload.report.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * What a ladder decides: the recommended concurrency, the largest level at which every SLO holds,
 * and the SLO that stops the next level (the field reports concluded c=2 for RunPod and 10–25 for the
 * news desk this way). Every SLO is judged at every level here, whatever level it is pinned to: an
 * SLO without a level, or pinned to one, holds the level to its limit; a band only the levels inside
 * it. A level the load did not reach (no request) cannot be recommended.
 */
public record Recommendation(Integer concurrency, String step, String stoppedBy, List<Level> levels) implements Section {

    /** One level: whether every SLO held there, and the first that did not. */
    public record Level(int level, boolean meetsEverySlo, String firstBreach) {
    }

    public static Recommendation of(List<SloSpec> slos, LlmMetrics metrics, String request) {
        List<Level> levels = new ArrayList<>();
        for (LevelStats stats : metrics.levels(request)) {
            if (stats.level() <= 0) continue;
            String breach = null;
            for (SloSpec slo : slos) {
                if (slo.hasBand() && !slo.band().contains(stats.level())) continue;
                SloResult r = SloEvaluator.evaluate(slo.atLevel(stats.level()), metrics, request);
                if (!r.passed()) {
                    breach = r.message();
                    break;
                }
            }
            levels.add(new Level(stats.level(), breach == null, breach));
        }
        Integer best = null;
        String stoppedBy = null;
        for (Level l : levels) {
            if (l.meetsEverySlo()) {
                best = l.level();
            } else {
                stoppedBy = l.firstBreach();
                break;
            }
        }
        String named = best == null ? null : metrics.levelName(best);
        return new Recommendation(named == null ? best : null, named, stoppedBy, levels);
    }

    @Override
    public String key() {
        return "recommendation";
    }

    @Override
    public Place place() {
        return Place.WITH_SLOS;
    }

    private String sentence() {
        String head = step != null ? "Recommended load: **" + step + "**, the heaviest step at which every SLO holds"
                : concurrency == null ? "Recommended concurrency: none of the levels met every SLO"
                : "Recommended concurrency: **" + concurrency + "**, the largest level at which every SLO holds";
        return head + (stoppedBy == null ? (concurrency == null && step == null ? "." : " (the highest level run).")
                : "; the next level is stopped by " + stoppedBy + ".");
    }

    @Override
    public String markdown() {
        return "\n" + sentence() + "\n";
    }

    @Override
    public String console() {
        return "  " + sentence().replace("**", "") + "\n";
    }
}
