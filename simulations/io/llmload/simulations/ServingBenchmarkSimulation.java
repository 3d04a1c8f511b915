package io.llmload.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.llmload.client.openai.CompletionCall;
import io.llmload.client.openai.OpenAi;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.LlmloadConfig;
import io.llmload.config.ServingSettings;
import io.llmload.prompts.Dataset;
import io.llmload.prompts.DatasetSection;
import io.llmload.prompts.StructuredOutputFiles;
import io.llmload.run.ClosedLadder;
import io.llmload.run.LlmRun;
import io.llmload.run.LoadModel;
import io.llmload.run.OpenSteps;
import io.llmload.run.RunPlan;
import io.llmload.tokenizer.TokenCounter;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;

/**
 * A serving benchmark in the manner of vLLM's bench serve and GuideLLM: a dataset's prompts
 * (ShareGPT, JSONL, or synthetic prompts of drawn input and output lengths) with each prompt's output
 * length asked for exactly, under a closed model of concurrency levels, an open model of request
 * rates with Poisson or gamma arrivals, or a sweep; optionally with tools (each call checked against
 * its function's parameters) or a response format. Throughput and latency per level or rate, the
 * load's fidelity per step, and output length asked for against received.
 */
public class ServingBenchmarkSimulation extends Simulation {

    private final LlmloadConfig config = LlmloadConfig.load();
    private final ServingSettings serving = ServingSettings.from(config.section("serving"));
    private final LlmRun run = LlmRun.prepare(config, RunPlan.of("ServingBenchmarkSimulation", "serving", GoodputCriteria.NONE,
            serving.requestName(), serving.load().planLevels()).withWarmUp("serving.warm-up"));
    private final Dataset dataset = Dataset.load(serving.dataset(), ServingSettings.WORDS_KEY, serving.wordsFile(), TokenCounter.cl100k());
    private final LoadModel load = LoadModel.of(serving.load(), run, serving.requestName());

    private final CompletionCall call = new CompletionCall(serving.api(), run.targetSettings().model(), serving.maxTokens(),
            serving.temperature(), serving.stream(), serving.includeUsage(), serving.outputLength(),
            StructuredOutputFiles.read("serving", serving.toolsFile(), serving.toolChoice(), serving.responseFormatFile()));

    private final OpenAi.Builder generate = OpenAi.request(serving.requestName(), call, run.target())
            .messages(session -> session.getList(Dataset.MESSAGES_ATTRIBUTE))
            .maxTokens(session -> session.getInt(Dataset.OUTPUT_TOKENS_ATTRIBUTE));

    /** One deck for the whole run: each level or step goes on where the previous one stopped. */
    private final ChainBuilder nextPrompt = feed(dataset.feeder(run.injector()));

    private ChainBuilder request(String group) {
        return nextPrompt.exec(group(group).on(exec(generate)));
    }

    {
        setUp(run.inSequenceThenSloGate(load.populations("serving",
                level -> request(ClosedLadder.groupName(level)), step -> request(OpenSteps.groupName(step)))))
                .assertions(run.assertions());
    }

    @Override
    public void before() {
        run.start();
        run.section(DatasetSection.of(dataset));
    }

    @Override
    public void after() {
        load.report();
        run.finish();
    }
}
