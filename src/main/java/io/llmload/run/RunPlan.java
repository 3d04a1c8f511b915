package io.llmload.run;

import io.llmload.config.GoodputCriteria;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a run is of, decided before it starts: its simulation, the {@code slo.<section>} that judges
 * it and the {@code alerts.<section>} shown beside, the goodput criteria, its request names (the
 * first is the summary's main table) and its load levels (asked for at the end: a capacity search
 * decides its levels while it runs).
 */
public record RunPlan(String simulation, String sloSection, String alertsSection, GoodputCriteria goodput,
                      List<String> requests, Supplier<List<Integer>> levels) {

    /** A run of one request over fixed levels, judged by {@code slo.<sloSection>}, alert bands of the same name. */
    public static RunPlan of(String simulation, String sloSection, GoodputCriteria goodput, String request, List<Integer> levels) {
        return new RunPlan(simulation, sloSection, sloSection, goodput, List.of(request), () -> levels);
    }

    public String mainRequest() {
        return requests.get(0);
    }
}
