package io.llmload.it;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.llmload.client.Requests;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.LlmloadConfig;
import io.llmload.prompts.PromptList;
import io.llmload.run.LlmRun;
import io.llmload.run.RunPlan;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/** The echo request kind under load: {@value #USERS} users send {@value #REQUESTS_PER_USER} echoes each. */
public class EchoSimulation extends Simulation {

    static final int USERS = 2;
    static final int REQUESTS_PER_USER = 30;
    /** The users' steps after a request that ran on a thread other than the user's event loop (Gatling's own rule). */
    static final AtomicInteger STEPS_OFF_THE_USERS_LOOP = new AtomicInteger();

    private final LlmRun run = LlmRun.prepare(LlmloadConfig.load(),
            RunPlan.of("EchoSimulation", "echo", "echo", GoodputCriteria.NONE, List.of("echo"), List.of(USERS), false));
    private final PromptList prompts = PromptList.load("echo", "runpod/career-prompts.txt");
    private final ActionBuilder echo = Requests.request("echo", new EchoProtocol(), run.target());

    private final ScenarioBuilder echoes = scenario("echo")
            .exec(session -> session.set(Requests.LEVEL_ATTRIBUTE, USERS))
            .repeat(REQUESTS_PER_USER).on(feed(prompts.feeder()).exec(echo).exec(session -> {
                if (!session.asScala().eventLoop().inEventLoop()) STEPS_OFF_THE_USERS_LOOP.incrementAndGet();
                return session;
            }));

    {
        setUp(run.inSequenceThenSloGate(List.of(echoes.injectOpen(atOnceUsers(USERS))))).assertions(run.assertions());
    }

    @Override
    public void before() {
        run.start();
    }

    @Override
    public void after() {
        run.finish();
    }
}
