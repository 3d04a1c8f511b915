package io.llmload.run;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.llmload.client.inference.Inference;
import io.llmload.client.inference.ServerView;
import io.llmload.client.openai.CompletionCall;
import io.llmload.client.openai.OpenAi;
import io.llmload.config.ApiStyle;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.InferenceWorkload;
import io.llmload.config.InjectorSettings;
import io.llmload.config.LlmloadConfig;
import io.llmload.prompts.InferenceFeeders;
import io.llmload.report.Summary;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;

/**
 * A run against the inference server of the tuning guide: its requests (embeddings, chat, vision,
 * audio), the feeders, and the server view (/health before load, /metrics deltas in the summary).
 * With {@code target.base-url = embedded} the emulator runs as that server.
 */
public final class InferenceRun {

    public static final String EMULATOR_FLAVOUR = "inference-server";

    private final LlmRun run;
    private final InferenceWorkload workload;
    private final InferenceFeeders feeders;
    private ServerView view;
    private double openRate;
    private Duration openDuration;

    private InferenceRun(LlmRun run, InferenceWorkload workload, InferenceFeeders feeders) {
        this.run = run;
        this.workload = workload;
        this.feeders = feeders;
    }

    /**
     * @param sloSection the {@code slo.<name>} section judging this run
     * @param requests   the request names it sends (the first is the summary's main table)
     * @param level      the level its requests run at (a concurrency; 0 for an open model)
     */
    public static InferenceRun prepare(String simulation, String sloSection, Function<InferenceWorkload, List<String>> requests,
                                       Function<InferenceWorkload, Integer> level) {
        LlmloadConfig config = LlmloadConfig.load().with("emulator.flavour", EMULATOR_FLAVOUR);
        InferenceWorkload workload = InferenceWorkload.from(config.section("inference"));
        List<Integer> levels = List.of(level.apply(workload));
        LlmRun run = LlmRun.prepare(config, RunPlan.of(simulation, sloSection, sloSection, GoodputCriteria.NONE,
                requests.apply(workload), levels, false));
        return new InferenceRun(run, workload, InferenceFeeders.load(workload));
    }

    public InferenceWorkload workload() {
        return workload;
    }

    public InferenceFeeders feeders() {
        return feeders;
    }

    /** An open model: the summary gets the requested arrival rate beside the achieved one. */
    public void measureOpenRate(double ratePerSecond, Duration duration) {
        this.openRate = ratePerSecond;
        this.openDuration = duration;
    }

    public ActionBuilder embeddings() {
        return Inference.embeddings(InferenceWorkload.EMBEDDINGS, workload.embeddingModel(), workload.embeddingDimension(), run.target());
    }

    public OpenAi.Builder chat() {
        return OpenAi.request(InferenceWorkload.CHAT, chatCall(), run.target())
                .prompt(session -> session.getString(InferenceFeeders.PROMPT));
    }

    public OpenAi.Builder vision() {
        return OpenAi.request(InferenceWorkload.VISION, chatCall(), run.target())
                .prompt(session -> "Describe this image in one sentence. " + session.getString(InferenceFeeders.PROMPT))
                .image(session -> session.getString(InferenceFeeders.IMAGE));
    }

    public ActionBuilder audio() {
        return Inference.transcription(InferenceWorkload.AUDIO, workload.audioModel(), run.target());
    }

    private CompletionCall chatCall() {
        return new CompletionCall(ApiStyle.CHAT, workload.chatModel(), workload.chatMaxTokens(), workload.chatTemperature(),
                workload.chatStream(), true);
    }

    /** A guide-style benchmark: {@code requests} requests with {@code concurrency} in flight. */
    public List<PopulationBuilder> benchmark(String name, ActionBuilder request, int concurrency, int requests) {
        return ClosedLadder.ofRequestCounts(name, List.of(concurrency), requests, run.injector(),
                level -> feed(feeders.feeder(run.injector())).exec(group(ClosedLadder.groupName(level)).on(exec(request))));
    }

    /** Which share of a scaled-out test this process runs. */
    public InjectorSettings injector() {
        return run.injector();
    }

    public PopulationBuilder inSequenceThenSloGate(List<PopulationBuilder> load) {
        return run.inSequenceThenSloGate(load);
    }

    public List<Assertion> assertions() {
        return run.assertions();
    }

    /** Starts the run, then stops it before any load unless /health says the server is ready. */
    public void start() {
        run.start();
        view = new ServerView(run.serverRoot(), run.target().get().endpoint().readLimits().maxBodyBytes());
        try {
            view.requireReady(workload.requireWarm());
        } catch (IllegalStateException e) {
            view.close();
            run.abort(e.getMessage());
            throw e;
        }
        view.start(workload.metricsInterval());
    }

    public Summary.Run finish() {
        if (openDuration != null) {
            long sent = run.plan().requests().stream().mapToLong(name -> run.metrics().overall(name).requests()).sum();
            run.section(OpenLoadFidelity.of(openRate, sent, openDuration));
        }
        if (view != null) run.section(view.finish(run.metrics()));
        return run.finish();
    }
}
