package io.llmload.merge;

import io.llmload.metrics.LevelStats;
import io.llmload.metrics.LlmMetrics;
import io.llmload.report.InjectorResults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Whether the injectors were in step: their clocks against the target's, and when each started each
 * level. Out of step, a level's window mixes load of two levels, and its figures mean less.
 */
final class Skew {

    private Skew() {
    }

    static List<String> warnings(List<InjectorResults> present, String request, Duration limit) {
        List<String> out = new ArrayList<>();
        if (present.size() < 2) return out;
        List<InjectorResults.ClockReading> clocks = present.stream().map(InjectorResults::clock).filter(Objects::nonNull).toList();
        if (clocks.size() < present.size()) {
            out.add("the clock offset of " + (present.size() - clocks.size()) + " injector(s) is unknown (the target sent no Date header)");
        }
        if (clocks.size() > 1) {
            long spread = clocks.stream().mapToLong(InjectorResults.ClockReading::offsetMillis).max().orElseThrow()
                    - clocks.stream().mapToLong(InjectorResults.ClockReading::offsetMillis).min().orElseThrow();
            if (spread > limit.toMillis()) {
                out.add("the injectors' clocks differ by " + spread + " ms against the target's (limit injector.max-skew = "
                        + limit.toMillis() + " ms): their level boundaries are that far apart; sync them (NTP)");
            }
        }
        TreeSet<Integer> levels = new TreeSet<>();
        present.forEach(r -> r.parts().forEach(p -> {
            if (p.request().equals(request) && p.level() != LlmMetrics.ALL_LEVELS && !p.warmUp()) levels.add(p.level());
        }));
        for (int level : levels) {
            List<LevelStats.Counters> parts = countersAt(present, request, level);
            if (parts.size() < 2) continue;
            long first = parts.stream().mapToLong(LevelStats.Counters::loadFirstStartMillis).min().orElseThrow();
            long last = parts.stream().mapToLong(LevelStats.Counters::loadFirstStartMillis).max().orElseThrow();
            if (last - first > limit.toMillis()) {
                out.add("level " + level + " started " + (last - first) + " ms apart on the injectors (limit injector.max-skew = "
                        + limit.toMillis() + " ms): a late previous level or clocks out of step");
            }
        }
        return out;
    }

    /** The injectors' parts of the main request at one level, for the skew check. */
    private static List<LevelStats.Counters> countersAt(List<InjectorResults> present, String request, int level) {
        List<LevelStats.Counters> out = new ArrayList<>();
        for (InjectorResults r : present) {
            for (InjectorResults.Part part : r.parts()) {
                if (part.request().equals(request) && part.level() == level && !part.warmUp()) out.add(part.counters());
            }
        }
        return out;
    }
}
