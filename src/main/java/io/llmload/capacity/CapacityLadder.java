package io.llmload.capacity;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.llmload.client.Requests;
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

    private CapacityLadder() {
    }

    /** @param requestOfRepeat the request a user sends in a repeat (1-based) */
    public static List<PopulationBuilder> populations(CapacitySearch search, ChainBuilder feed,
                                                      IntFunction<ChainBuilder> requestOfRepeat) {
        var settings = search.settings();
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
}
