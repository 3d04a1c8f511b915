package io.llmload.client;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;

import java.util.function.Supplier;

/**
 * DSL for any request kind: {@code Requests.request("echo", new EchoProtocol(), run.target())} is a
 * Gatling action like the built-in ones ({@code OpenAi.request}, {@code Inference.embeddings},
 * {@code RunPod.job} build theirs the same way).
 */
public final class Requests {

    /** Session attribute holding the load level (concurrency) a request runs at. */
    public static final String LEVEL_ATTRIBUTE = "llmload.level";

    private Requests() {
    }

    public static ActionBuilder request(String name, Protocol protocol, Supplier<RunTarget> target) {
        return () -> (ScenarioContext ctx, Action next) -> {
            // built after the simulation's before(), which started the run: its target is known
            StatsThreads.schedule(ctx.coreComponents().actorSystem(), ctx.coreComponents().eventLoopGroup(), target.get().statsThreads());
            return new RequestAction(name, next, ctx.coreComponents().statsEngine(), ctx.coreComponents().controller(), protocol, target);
        };
    }

    /** The load level a user runs at (0 when not part of a ladder). */
    static int level(Session session) {
        return session.attributes().get(LEVEL_ATTRIBUTE).map(v -> ((Number) v).intValue()).getOrElse(() -> 0);
    }
}
