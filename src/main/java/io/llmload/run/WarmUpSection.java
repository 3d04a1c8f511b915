package io.llmload.run;

import io.llmload.metrics.LevelStats;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.Numbers;
import io.llmload.report.Section;

import java.util.ArrayList;
import java.util.List;

/** The warm-up requests of each level, kept out of the statistics and SLOs: how many, and how slow beside the rest. */
public record WarmUpSection(String rule, List<Level> levels) implements Section {

    /** One level's warm-up: its requests, and the E2E and TTFT p50 of the successful ones beside the level's own. */
    public record Level(int level, long requests, long ok, Double e2eP50Ms, Double levelE2eP50Ms, Double ttftP50Ms, Double levelTtftP50Ms) {
    }

    public static WarmUpSection of(LlmMetrics metrics, String request) {
        List<Level> levels = new ArrayList<>();
        for (LevelStats w : metrics.warmUpLevels(request)) {
            LevelStats rest = metrics.at(request, w.level());
            levels.add(new Level(w.level(), w.requests(), w.ok(), Numbers.round(w.e2e().percentileMillis(50)),
                    Numbers.round(rest.e2e().percentileMillis(50)), Numbers.round(w.ttft().percentileMillis(50)),
                    Numbers.round(rest.ttft().percentileMillis(50))));
        }
        return new WarmUpSection(metrics.warmUp().describe(), levels);
    }

    public long requests() {
        return levels.stream().mapToLong(Level::requests).sum();
    }

    @Override
    public String key() {
        return "warm_up";
    }

    @Override
    public Place place() {
        return Place.UNDER_TABLE;
    }

    @Override
    public String markdown() {
        if (levels.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\nWarm-up, kept out of the figures above and of the SLOs: ").append(rule).append(".\n\n")
                .append("| level | warm-up requests | OK | E2E p50 (ms) | level's E2E p50 | TTFT p50 (ms) | level's TTFT p50 |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Level l : levels) {
            md.append("| ").append(l.level()).append(" | ").append(l.requests()).append(" | ").append(l.ok())
              .append(" | ").append(Numbers.fixed(l.e2eP50Ms(), 1)).append(" | ").append(Numbers.fixed(l.levelE2eP50Ms(), 1))
              .append(" | ").append(Numbers.fixed(l.ttftP50Ms(), 1)).append(" | ").append(Numbers.fixed(l.levelTtftP50Ms(), 1)).append(" |\n");
        }
        return md.toString();
    }

    @Override
    public String console() {
        return levels.isEmpty() ? "" : "  warm-up: " + requests() + " requests kept out of the statistics (" + rule + ")\n";
    }
}
