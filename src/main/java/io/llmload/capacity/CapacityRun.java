package io.llmload.capacity;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.llmload.client.openai.AnswerCheck;
import io.llmload.client.openai.CompletionCall;
import io.llmload.client.openai.OpenAi;
import io.llmload.config.CapacitySettings;
import io.llmload.config.ConfigError;
import io.llmload.config.LlmloadConfig;
import io.llmload.config.Keys;
import io.llmload.config.NewsSettings;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloSpec;
import io.llmload.prompts.NewsPrompts;
import io.llmload.report.Summary;
import io.llmload.run.LlmRun;
import io.llmload.run.RunPlan;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A capacity-search run: the news request (same prompts as the news workload, the capacity
 * section's max_tokens and streaming), the search, the server-metrics sampler, and the report.
 */
public final class CapacityRun {

    private final LlmRun run;
    private final CapacitySettings settings;
    private final NewsPrompts prompts;
    private final CompletionCall call;
    private final CapacitySearch search;
    private ServerMetricsSampler sampler;
    private final List<Integer> levels = new ArrayList<>();

    private CapacityRun(LlmRun run, CapacitySettings settings, SloSpec criterion, NewsSettings news, int contextTokens) {
        this.run = run;
        this.settings = settings;
        this.prompts = NewsPrompts.load(news).withContextTokens(contextTokens);
        this.call = new CompletionCall(news.api(), run.targetSettings().model(), settings.maxTokens(), news.temperature(),
                settings.stream(), news.includeUsage());
        this.search = new CapacitySearch(settings, criterion, run.metrics(), this::requestName);
    }

    public static CapacityRun prepare(String simulation) {
        LlmloadConfig config = LlmloadConfig.load();
        CapacitySettings settings = CapacitySettings.from(config.section("capacity"));
        NewsSettings news = NewsSettings.from(config.section("news"));
        CapacityRun[] self = new CapacityRun[1];
        // the levels are decided while the search runs: the summary asks for them at the end
        LlmRun run = LlmRun.prepare(config, RunPlan.searching(simulation, "capacity", settings.goodput(),
                settings.requestName() + " r1", () -> self[0].levels).withWarmUp("capacity.warm-up"));
        int contextTokens = config.section("capacity").integer("context-tokens");
        if (contextTokens < 0) throw new ConfigError("capacity.context-tokens: expected 0 (the news prompt) or a token count, got " + contextTokens);
        SloSpec criterion = criterion(config.section("capacity"));
        self[0] = new CapacityRun(run, settings, criterion, news, contextTokens);
        return self[0];
    }

    /** {@code capacity.criterion}, written like an SLO; without a max or min, its max is {@code capacity.p95-target}. */
    static SloSpec criterion(Keys capacity) {
        Keys criterion = capacity.section("criterion");
        if (!criterion.has("max") && !criterion.has("min")) {
            criterion = new Keys(criterion.raw().withValue("max", capacity.raw().getValue("p95-target")), capacity.key("criterion"));
        }
        return SloSpec.parseOne("criterion", criterion);
    }

    public PopulationBuilder inSequenceThenSloGate(List<PopulationBuilder> load) {
        return run.inSequenceThenSloGate(load);
    }

    public List<Assertion> assertions() {
        return run.assertions();
    }

    public CapacitySearch search() {
        return search;
    }

    /** The run's recorder (a search over rates names its steps in it). */
    public LlmMetrics metrics() {
        return run.metrics();
    }

    public NewsPrompts prompts() {
        return prompts;
    }

    /** Each repeat has its own request name, so its statistics stay apart: "categorise r1". */
    public String requestName(int repeat) {
        return settings.requestName() + " r" + repeat;
    }

    public OpenAi.Builder request(int repeat) {
        return OpenAi.request(requestName(repeat), call, run.target())
                .prompt(session -> session.getString(NewsPrompts.PROMPT_ATTRIBUTE))
                .check(AnswerCheck.NONE);
    }

    public void start() {
        run.start();
        URI prometheus = run.target().get().endpoint().metrics(settings.prometheusUrl());
        URI dcgm = settings.dcgmUrl().isEmpty() ? null : URI.create(settings.dcgmUrl());
        if (prometheus != null || dcgm != null) {
            sampler = new ServerMetricsSampler(search, prometheus, dcgm, settings.metricsInterval(),
                    run.target().get().endpoint().readLimits().maxBodyBytes());
            sampler.start();
        }
    }

    public Summary.Run finish() {
        if (sampler != null) sampler.close();
        CapacityResult result = search.finish();
        TreeSet<Integer> stepped = new TreeSet<>();
        for (List<StepResult> steps : result.repeats()) steps.forEach(s -> stepped.add(s.level()));
        levels.addAll(stepped);
        CapacitySection section = CapacitySection.of(result, sampler == null ? 0 : sampler.failedScrapes());
        run.section(section);
        if (run.cost().gpuPriced()) {
            CapacityCost cost = CapacityCost.of(run.cost(), result);
            if (cost != null) run.section(cost);
        }
        Summary.Run summary = run.finish();
        CapacityReport.write(run.reportDirectory(), run.facts(), section, result);
        return summary;
    }
}
