package io.llmload.run;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import io.llmload.client.Requests;
import io.llmload.config.InjectorSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A closed-model concurrency ladder: level after level, each holding exactly {@code c} requests in
 * flight for the hold time; a level starts once the previous one has drained, so levels never mix.
 * A level's c users start spread over {@code injector.level-start-spread} and each loops over its
 * iteration (one request, a job, a whole conversation): the next one leaves as soon as the last has
 * ended, on the same thread. (A new Gatling user per request, as {@code constantConcurrentUsers}
 * injects them, left more users idle between requests; docs/benchmarks.md section 13.)
 */
public final class ClosedLadder {

    private ClosedLadder() {
    }

    /**
     * The ladder as this injector runs it: its share of each level's users. Scaled out, level k waits
     * for its agreed instant, {@code injector.start-at} + k × (hold + level gap), so the injectors'
     * levels stay in step; the run's start waits for the first ({@link LlmRun#inSequenceThenSloGate}).
     */
    public static List<PopulationBuilder> of(String workload, List<Integer> levels, Duration hold, InjectorSettings injector,
                                             IntFunction<ChainBuilder> iterationAtLevel) {
        List<PopulationBuilder> steps = new ArrayList<>();
        for (int k = 0; k < levels.size(); k++) {
            int level = levels.get(k);
            if (k > 0 && injector.scaledOut()) {
                steps.add(waitUntil(injector.startAt().plus(hold.plus(injector.levelGap()).multipliedBy(k)), groupName(level)));
            }
            int users = injector.share(level);
            if (users > 0) {
                Duration spread = injector.levelStartSpread().compareTo(hold) < 0 ? injector.levelStartSpread() : hold;
                steps.add(heldLevel(workload, level, hold, iterationAtLevel.apply(level))
                        .injectOpen(spread.isZero() ? atOnceUsers(users) : rampUsers(users).during(spread)));
            }
        }
        return steps;
    }

    /** A one-user population that ends at {@code instant} (at once when it has passed): the next population starts then. */
    static PopulationBuilder waitUntil(Instant instant, String what) {
        return scenario("start of " + what + " at " + instant)
                .pause(session -> Duration.ofMillis(Math.max(0, instant.toEpochMilli() - System.currentTimeMillis())))
                .injectOpen(atOnceUsers(1));
    }

    /**
     * The same ladder bounded by a number of iterations instead of a time: {@code c} users start at
     * once and each runs iterations until the level's {@code iterationsPerLevel} have been taken, as
     * a thread pool of c workers over N runs does. Scaled out, this injector runs its share of the
     * users and of the iterations; its levels follow each other as they drain (only the first waits
     * for the agreed start).
     */
    public static List<PopulationBuilder> ofRequestCounts(String workload, List<Integer> levels, int iterationsPerLevel,
                                                          InjectorSettings injector, IntFunction<ChainBuilder> iterationAtLevel) {
        List<PopulationBuilder> steps = new ArrayList<>();
        for (int level : levels) {
            int users = injector.share(level);
            int iterations = injector.share(iterationsPerLevel);
            if (users == 0 || iterations == 0) continue;
            AtomicInteger left = new AtomicInteger(iterations);
            steps.add(usersAt(workload, level).asLongAs(session -> left.getAndDecrement() > 0).on(iterationAtLevel.apply(level))
                    .injectOpen(atOnceUsers(users)));
        }
        return steps;
    }

    /**
     * Level c's users looping over their iteration until the level's hold has passed, counted from
     * its first user's start; an iteration running then finishes (its groups close) before the user leaves.
     */
    private static ScenarioBuilder heldLevel(String workload, int level, Duration hold, ChainBuilder iteration) {
        AtomicLong endsAt = new AtomicLong();
        AtomicBoolean started = new AtomicBoolean();
        return usersAt(workload, level)
                .exec(session -> {
                    if (started.compareAndSet(false, true)) endsAt.set(System.nanoTime() + hold.toNanos());
                    return session;
                })
                .asLongAs(session -> System.nanoTime() - endsAt.get() < 0).on(iteration);
    }

    /** The users of level c ("news c=8"), their requests counted at that level. */
    private static ScenarioBuilder usersAt(String workload, int level) {
        return scenario(workload + " " + groupName(level)).exec(session -> session.set(Requests.LEVEL_ATTRIBUTE, level));
    }

    /** Chains populations so each starts when the previous one has finished. */
    public static PopulationBuilder inSequence(List<PopulationBuilder> populations) {
        PopulationBuilder chain = populations.get(populations.size() - 1);
        for (int i = populations.size() - 2; i >= 0; i--) {
            chain = populations.get(i).andThen(chain);
        }
        return chain;
    }

    public static String groupName(int level) {
        return "c=" + level;
    }
}
