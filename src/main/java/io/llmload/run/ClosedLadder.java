package io.llmload.run;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;

/**
 * A closed-model concurrency ladder: level after level, each holding exactly {@code c} requests in
 * flight for the hold time; a level starts once the previous one has drained, so levels never mix.
 */
public final class ClosedLadder {

    private ClosedLadder() {
    }

    public static List<PopulationBuilder> of(List<Integer> levels, Duration hold, IntFunction<ScenarioBuilder> scenarioAtLevel) {
        List<PopulationBuilder> steps = new ArrayList<>();
        for (int level : levels) {
            steps.add(scenarioAtLevel.apply(level).injectClosed(constantConcurrentUsers(level).during(hold)));
        }
        return steps;
    }

    /**
     * The same ladder bounded by a number of requests instead of a time: {@code c} users start at
     * once and each sends requests until the level's {@code requestsPerLevel} have been taken, as a
     * thread pool of c workers over N runs does. {@code scenarioAtLevel} gets the level and the
     * condition its loop must use.
     */
    public static List<PopulationBuilder> ofRequestCounts(List<Integer> levels, int requestsPerLevel,
                                                          BiFunction<Integer, Function<Session, Boolean>, ScenarioBuilder> scenarioAtLevel) {
        List<PopulationBuilder> steps = new ArrayList<>();
        for (int level : levels) {
            AtomicInteger left = new AtomicInteger(requestsPerLevel);
            Function<Session, Boolean> another = session -> left.getAndDecrement() > 0;
            steps.add(scenarioAtLevel.apply(level, another).injectOpen(atOnceUsers(level)));
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
