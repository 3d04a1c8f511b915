package io.llmload.capacity;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
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
 * closed model at the decided concurrency. Slots after the search has ended cost nothing.
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
        if (settings.searchOver() == CapacitySettings.SearchOver.RATE) return ratePopulations(search, feed, requestOfRepeat, metrics);
        List<PopulationBuilder> out = new ArrayList<>();
        for (int repeat = 0; repeat < settings.repeats(); repeat++) {
            ChainBuilder request = requestOfRepeat.apply(repeat + 1);
            for (int slot = 0; slot < settings.slotsPerRepeat(); slot++) {
                int r = repeat;
                int s = slot;
                out.add(scenario("capacity r" + (repeat + 1) + " step " + (slot + 1))
                        .exec(session -> {
                            int level = search.levelFor(r, s);
                            int ticket = search.ticket(r, s);
                            return session.set(Requests.LEVEL_ATTRIBUTE, level).set(ACTIVE, ticket < level)
                                    .set(GROUP, ClosedLadder.groupName(level));
                        })
                        .doIf(session -> session.getBoolean(ACTIVE)).then(
                                during(settings.holdTime()).on(feed.exec(group("#{" + GROUP + "}").on(request))))
                        .injectOpen(atOnceUsers(settings.max())));
            }
        }
        return out;
    }

    /**
     * The search over request rates: per slot, a pool of {@code rate.max-concurrency} users taking the
     * arrivals of the rate the search decides when the slot starts (Poisson, or gamma of the
     * configured burstiness) for the hold time. A slot after the search has ended has rate 0: no arrival.
     */
    private static List<PopulationBuilder> ratePopulations(CapacitySearch search, ChainBuilder feed,
                                                           IntFunction<ChainBuilder> requestOfRepeat, LlmMetrics metrics) {
        var settings = search.settings();
        List<PopulationBuilder> out = new ArrayList<>();
        for (int repeat = 0; repeat < settings.repeats(); repeat++) {
            ChainBuilder request = requestOfRepeat.apply(repeat + 1);
            for (int slot = 0; slot < settings.slotsPerRepeat(); slot++) {
                int r = repeat;
                int s = slot;
                ArrivalSchedule schedule = new ArrivalSchedule(() -> search.levelFor(r, s), settings.burstiness(), settings.holdTime(),
                        settings.arrivalSeed() + RATE_SEED_STRIDE * r + s);
                out.add(scenario("capacity r" + (repeat + 1) + " step " + (slot + 1))
                        .exec(session -> {
                            int rate = search.levelFor(r, s);
                            if (rate > 0) metrics.nameLevel(rate, rate + " req/s");
                            return session.set(Requests.LEVEL_ATTRIBUTE, rate).set(GROUP, rate + " req/s");
                        })
                        .exec(OpenSteps.arrivals(schedule, feed.exec(group("#{" + GROUP + "}").on(request))))
                        .injectOpen(atOnceUsers(settings.maxConcurrency())));
            }
        }
        return out;
    }
}
