package io.llmload.run;

import io.llmload.config.GoodputCriteria;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a run is of, decided before it starts: its simulation, the {@code slo.<section>} that judges
 * it and the {@code alerts.<section>} shown beside, the goodput criteria, its request names (the
 * first is the summary's main table) and its load levels (asked for at the end: a capacity search
 * decides its levels while it runs, {@code levelsFixed} false). {@code servesModels}: the target is
 * an OpenAI-compatible server, asked before load whether it serves {@code target.model}.
 * {@code warmUpSection}: the config section of the levels' warm-up ({@code news.warm-up}), or null for
 * none (workloads bounded by a request count, whose every request is part of the figure).
 */
public record RunPlan(String simulation, String sloSection, String alertsSection, GoodputCriteria goodput,
                      List<String> requests, Supplier<List<Integer>> levels, boolean levelsFixed, boolean servesModels,
                      String warmUpSection) {

    /** A run of one request over fixed levels against an OpenAI-compatible server, judged by {@code slo.<sloSection>}, alert bands of the same name. */
    public static RunPlan of(String simulation, String sloSection, GoodputCriteria goodput, String request, List<Integer> levels) {
        return new RunPlan(simulation, sloSection, sloSection, goodput, List.of(request), () -> levels, true, true, null);
    }

    /** A run of several requests over fixed levels; {@code servesModels} as in the record. */
    public static RunPlan of(String simulation, String sloSection, String alertsSection, GoodputCriteria goodput,
                             List<String> requests, List<Integer> levels, boolean servesModels) {
        return new RunPlan(simulation, sloSection, alertsSection, goodput, requests, () -> levels, true, servesModels, null);
    }

    /** A run against an OpenAI-compatible server whose levels are decided while it runs. */
    public static RunPlan searching(String simulation, String section, GoodputCriteria goodput, String request,
                                    Supplier<List<Integer>> levels) {
        return new RunPlan(simulation, section, section, goodput, List.of(request), levels, false, true, null);
    }

    /** This plan with its levels' warm-up read from {@code section}. */
    public RunPlan withWarmUp(String section) {
        return new RunPlan(simulation, sloSection, alertsSection, goodput, requests, levels, levelsFixed, servesModels, section);
    }

    public String mainRequest() {
        return requests.get(0);
    }
}
