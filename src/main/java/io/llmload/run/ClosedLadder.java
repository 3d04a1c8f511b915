package io.llmload.run;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;

import io.llmload.config.InjectorSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A closed-model concurrency ladder: level after level, each holding exactly {@code c} requests in
 * flight for the hold time; a level starts once the previous one has drained, so levels never mix.
 */
public final class ClosedLadder {

    private ClosedLadder() {
    }

    /**
     * The ladder as this injector runs it: its share of each level's users. Scaled out, level k waits
     * for its agreed instant, {@code injector.start-at} + k × (hold + level gap), so the injectors'
     * levels stay in step; the run's start waits for the first ({@link LlmRun#inSequenceThenSloGate}).
     */
    public static List<PopulationBuilder> of(List<Integer> levels, Duration hold, InjectorSettings injector,
                                             IntFunction<ScenarioBuilder> scenarioAtLevel) {
        List<PopulationBuilder> steps = new ArrayList<>();
        for (int k = 0; k < levels.size(); k++) {
            int level = levels.get(k);
            if (k > 0 && injector.scaledOut()) {
                steps.add(waitUntil(injector.startAt().plus(hold.plus(injector.levelGap()).multipliedBy(k)), groupName(level)));
            }
            int users = injector.share(level);
            if (users > 0) steps.add(scenarioAtLevel.apply(level).injectClosed(constantConcurrentUsers(users).during(hold)));
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
     * The same ladder bounded by a number of requests instead of a time: {@code c} users start at
     * once and each sends requests until the level's {@code requestsPerLevel} have been taken, as a
     * thread pool of c workers over N runs does. {@code scenarioAtLevel} gets the level and the
     * condition its loop must use. Scaled out, this injector runs its share of the users and of the
     * requests; its levels follow each other as they drain (only the first waits for the agreed start).
     */
    public static List<PopulationBuilder> ofRequestCounts(List<Integer> levels, int requestsPerLevel, InjectorSettings injector,
                                                          BiFunction<Integer, Function<Session, Boolean>, ScenarioBuilder> scenarioAtLevel) {
        List<PopulationBuilder> steps = new ArrayList<>();
        for (int level : levels) {
            int users = injector.share(level);
            int requests = injector.share(requestsPerLevel);
            if (users == 0 || requests == 0) continue;
            AtomicInteger left = new AtomicInteger(requests);
            Function<Session, Boolean> another = session -> left.getAndDecrement() > 0;
            steps.add(scenarioAtLevel.apply(level, another).injectOpen(atOnceUsers(users)));
        }
        return steps;
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
