package io.llmload.run;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.llmload.client.JavaAction;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

import java.util.List;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The last population of a run: one user that evaluates the SLOs (and the regression rules) once the
 * load has drained and logs each as a request named after it in Gatling group {@value #GROUP} (or
 * {@value #REGRESSION_GROUP}) — OK, or KO with "limit, measured value" as the error. A Gatling
 * assertion per entry then fails the build while Gatling still writes its HTML report (an exception
 * in after() would skip it).
 */
public final class SloGate {

    public static final String GROUP = "SLO";
    public static final String REGRESSION_GROUP = "regression";

    /** One verdict logged by the gate. */
    public record Entry(String group, String name, boolean passed, String message) {
    }

    private SloGate() {
    }

    public static PopulationBuilder population(Supplier<List<Entry>> evaluate) {
        return scenario("SLO gate").exec(new Builder(evaluate)).injectOpen(atOnceUsers(1));
    }

    private record Builder(Supplier<List<Entry>> evaluate) implements ActionBuilder {
        @Override
        public io.gatling.core.action.builder.ActionBuilder asScala() {
            return (ScenarioContext ctx, Action next) -> new Evaluate(evaluate, next, ctx.coreComponents().statsEngine());
        }
    }

    private static final class Evaluate extends JavaAction {
        private final Supplier<List<Entry>> evaluate;
        private final Action next;
        private final StatsEngine stats;

        Evaluate(Supplier<List<Entry>> evaluate, Action next, StatsEngine stats) {
            this.evaluate = evaluate;
            this.next = next;
            this.stats = stats;
        }

        @Override
        public String name() {
            return "evaluate SLOs";
        }

        @Override
        public void execute(Session session) {
            var groups = CollectionConverters.asScala(List.of(GROUP)).toList();
            long now = System.currentTimeMillis();
            try {
                for (Entry r : evaluate.get()) {
                    stats.logResponse(session.scenario(), CollectionConverters.asScala(List.of(r.group())).toList(), r.name(), now, now,
                            r.passed() ? OK$.MODULE$ : KO$.MODULE$, Option.empty(),
                            r.passed() ? Option.empty() : Option.apply(r.message()));
                }
            } catch (Throwable e) {
                // a lost virtual user would leave the simulation waiting for ever: record the failure and go on
                logger().underlying().error("llmload: SLO evaluation failed", e);
                stats.logResponse(session.scenario(), groups, "evaluate SLOs", now, now, KO$.MODULE$, Option.empty(),
                        Option.apply("SLO evaluation failed: " + e));
            }
            next.execute(session);
        }
    }
}
