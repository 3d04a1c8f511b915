package io.llmload.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.llmload.client.openai.AnswerCheck;
import io.llmload.client.openai.CompletionCall;
import io.llmload.client.openai.OpenAi;
import io.llmload.config.LlmloadConfig;
import io.llmload.config.NewsSettings;
import io.llmload.prompts.NewsPrompts;
import io.llmload.run.ClosedLadder;
import io.llmload.run.LlmRun;
import io.llmload.run.LoadModel;
import io.llmload.run.OpenSteps;
import io.llmload.run.RunPlan;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;

/**
 * News categorisation on a vLLM-style endpoint: ~1,100-token prompts (a ~550-token categories
 * definition shared by every request, three news items, instructions), a 200-token JSON-array
 * answer at temperature 0.3, under a closed-model ladder of 1/5/10/25/50/100 concurrent requests
 * (or an open model of request rates, {@code news.load}). SLOs: p95 ≤ 3.5 s at 10 concurrent, success ≥ 95 %.
 */
public class NewsCategorizationSimulation extends Simulation {

    private final LlmloadConfig config = LlmloadConfig.load();
    private final NewsSettings news = NewsSettings.from(config.section("news"));
    private final LlmRun run = LlmRun.prepare(config,
            RunPlan.of("NewsCategorizationSimulation", "news", news.goodput(), news.requestName(), news.load().planLevels())
                    .withWarmUp("news.warm-up"));
    private final NewsPrompts prompts = NewsPrompts.load(news);
    private final LoadModel load = LoadModel.of(news.load(), run, news.requestName());

    private final CompletionCall call = new CompletionCall(news.api(), run.targetSettings().model(),
            news.maxTokens(), news.temperature(), news.stream(), news.includeUsage());

    private final OpenAi.Builder categorise = OpenAi.request(news.requestName(), call, run.target())
            .prompt(session -> session.getString(NewsPrompts.PROMPT_ATTRIBUTE))
            .check(news.validateJsonAnswer() ? AnswerCheck.jsonArray() : AnswerCheck.NONE);

    /** The next prompt of the deck, categorised in Gatling group {@code groupName} (a closed level or an open step). */
    private ChainBuilder categorise(String groupName) {
        return feed(prompts.feeder(run.injector())).exec(group(groupName).on(exec(categorise)));
    }

    {
        setUp(run.inSequenceThenSloGate(load.populations("news",
                level -> categorise(ClosedLadder.groupName(level)), step -> categorise(OpenSteps.groupName(step))))).assertions(run.assertions());
    }

    @Override
    public void before() {
        run.start();
    }

    @Override
    public void after() {
        load.report();
        run.finish();
    }
}
