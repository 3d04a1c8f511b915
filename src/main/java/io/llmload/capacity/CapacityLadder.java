package io.llmload.capacity;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.llmload.client.Requests;
import io.llmload.config.CapacitySettings;
import io.llmload.metrics.LlmMetrics;
import io.llmload.run.ArrivalSchedule;
import io.llmload.run.OpenSteps;
import io.llmload.run.ClosedLadder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The capacity search as Gatling populations: per repeat, one slot per possible step, run one
 * after the other. A slot learns its level from the search when it starts; {@code max} users
 * start at once and all but {@code level} of them leave, the rest loop for the hold time — a
 * closed model at the decided concurrency (or, over rates, a pool taking that rate's arrivals). Slots
 * after the search has ended cost nothing.
 */
public final class CapacityLadder {

    private static final String ACTIVE = "capacityStepActive";
    private static final String GROUP = "capacityStepGroup";
    /** Seeds of a search over rates: each repeat's slots draw apart from the other repeats'. */
    private static final long RATE_SEED_STRIDE = 1000;

    private CapacityLadder() {
    }

    /**
     * @param requestOfRepeat the request a user sends in a repeat (1-based)
     * @param metrics         where a search over rates names its steps ("4 req/s")
     */
    public static List<PopulationBuilder> populations(CapacitySearch search, ChainBuilder feed,
                                                      IntFunction<ChainBuilder> requestOfRepeat, LlmMetrics metrics) {
        var settings = search.settings();
        boolean overRate = settings.searchOver() == CapacitySettings.SearchOver.RATE;
        List<PopulationBuilder> out = new ArrayList<>();
        for (int repeat = 0; repeat < settings.repeats(); repeat++) {
            ChainBuilder request = feed.exec(group("#{" + GROUP + "}").on(requestOfRepeat.apply(repeat + 1)));
            for (int slot = 0; slot < settings.slotsPerRepeat(); slot++) {
                ScenarioBuilder step = scenario("capacity r" + (repeat + 1) + " step " + (slot + 1));
                out.add(overRate ? atRate(step, search, repeat, slot, request, metrics) : atConcurrency(step, search, repeat, slot, request));
            }
        }
        return out;
    }

    /** A closed step: {@code max} users start, all but {@code level} of them leave, the rest loop for the hold time. */
    private static PopulationBuilder atConcurrency(ScenarioBuilder step, CapacitySearch search, int r, int s, ChainBuilder request) {
        return step.exec(session -> {
                    int level = search.levelFor(r, s);
                    int ticket = search.ticket(r, s);
                    return session.set(Requests.LEVEL_ATTRIBUTE, level).set(ACTIVE, ticket < level)
                            .set(GROUP, ClosedLadder.groupName(level));
                })
                .doIf(session -> session.getBoolean(ACTIVE)).then(during(search.settings().holdTime()).on(request))
                .injectOpen(atOnceUsers(search.settings().max()));
    }

    /**
     * A step of the search over request rates: a pool of {@code rate.max-concurrency} users taking the
     * arrivals of the rate the search decides when the slot starts (Poisson, or gamma of the configured
     * burstiness) for the hold time. A slot after the search has ended has rate 0: no arrival.
     */
    private static PopulationBuilder atRate(ScenarioBuilder step, CapacitySearch search, int r, int s, ChainBuilder request,
                                            LlmMetrics metrics) {
        var settings = search.settings();
        ArrivalSchedule schedule = new ArrivalSchedule(() -> search.levelFor(r, s), settings.burstiness(), settings.holdTime(),
                settings.arrivalSeed() + RATE_SEED_STRIDE * r + s);
        return step.exec(session -> {
                    int rate = search.levelFor(r, s);
                    if (rate > 0) metrics.nameLevel(rate, rate + " req/s");
                    return session.set(Requests.LEVEL_ATTRIBUTE, rate).set(GROUP, rate + " req/s");
                })
                .exec(OpenSteps.arrivals(schedule, request))
                .injectOpen(atOnceUsers(settings.maxConcurrency()));
    }
}
