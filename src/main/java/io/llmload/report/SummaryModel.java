package io.llmload.report;

import io.llmload.metrics.LatencyHistogram;
import io.llmload.metrics.LevelStats;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.llmload.metrics.Numbers.round;

/** Builds the typed summary from the recorder's statistics: one source for the JSON, the Markdown and the console. */
final class SummaryModel {

    private SummaryModel() {
    }

    static Summary.Request request(LlmMetrics metrics, String request, List<Integer> requestedLevels) {
        List<Summary.Level> levels = new ArrayList<>();
        for (LevelStats s : metrics.levels(request)) {
            String name = metrics.levelName(s.level());
            levels.add(level(s, name, name == null && requestedLevels.contains(s.level()) ? metrics.usersAt(s.level()) : null));
        }
        return new Summary.Request(request, metrics.goodput().describe(), metrics.truncationRatio(), levels,
                level(metrics.overall(request), null, null), breakdown(metrics.byModel(request)), breakdown(metrics.byEndpoint(request)));
    }

    /** One row a value (a model, an endpoint), named by it; none unless there are several. */
    private static List<Summary.Level> breakdown(Map<String, LevelStats> byValue) {
        List<Summary.Level> out = new ArrayList<>();
        if (byValue.size() < 2) return out;
        byValue.forEach((value, stats) -> out.add(level(stats, value, null)));
        return out;
    }

    static List<Summary.Slo> slos(List<SloResult> results) {
        List<Summary.Slo> out = new ArrayList<>();
        for (SloResult r : results) {
            out.add(new Summary.Slo(r.slo().name(), r.slo().describe(), round(r.measured()), r.slo().metric().unit(), r.passed(),
                    r.message(), round(r.slo().marginPercent(r.measured()))));
        }
        return out;
    }

    /** @param name what the row is called when not by its level's number: an open model's step, a model or endpoint of a breakdown; or null */
    static Summary.Level level(LevelStats s, String name, Integer requestedConcurrency) {
        List<Summary.FailureCount> details = new ArrayList<>();
        s.failureCounts().forEach((f, n) -> details.add(new Summary.FailureCount(f.kind().key(), f.reason(), n)));
        Summary.TokenCounts tokens = new Summary.TokenCounts(s.usageReportedRequests(), s.usageOutputTokens(),
                s.clientOutputTokensWhereUsage(), s.usageOutputTokens() == 0 ? null
                : round(100.0 * (s.clientOutputTokensWhereUsage() - s.usageOutputTokens()) / s.usageOutputTokens()));
        Object shown = name != null ? name : s.level() == LlmMetrics.ALL_LEVELS ? "all" : s.level();
        return new Summary.Level(shown, s.requests(), s.ok(), s.ko(),
                round(s.successPercent()), round(s.goodputPercent()), round(s.windowSeconds()), round(s.requestsPerSecond()),
                round(s.outputTokensPerSecond()), round(s.totalTokensPerSecond()), s.promptTokens(), s.outputTokens(),
                new Summary.Fidelity(requestedConcurrency, round(s.achievedConcurrency())),
                percentiles(s.e2e()), percentiles(s.ttft()), percentiles(s.itl()), percentiles(s.tpot()), tokens,
                s.failures(), s.failuresByKind(), details, percentiles(s.failedLatency()), s.statuses(), s.notSent(),
                s.notSent() == 0 ? null
                        : s.notSent() + " of " + s.requests() + " requests never reached the server (left out of req/s and latency)",
                s.staleConnectionRetries(), s.truncatedPrompts(), s.rejectedServerValues(),
                s.queue().count() > 0 ? jobBreakdown(s) : null,
                s.ttfr().count() > 0 || s.reasoningReportedRequests() > 0 ? reasoning(s) : null,
                s.cacheReportedRequests() == 0 ? null : new Summary.PromptCache(s.cacheReportedRequests(), s.cachedPromptTokens(),
                        s.promptTokensWhereCacheReported(), s.promptTokensWhereCacheReported() == 0 ? null
                        : round(100.0 * s.cachedPromptTokens() / s.promptTokensWhereCacheReported())),
                outputLength(s.outputLength()), name != null && s.level() != LlmMetrics.ALL_LEVELS ? s.level() : null,
                s.toolCall().count() > 0 ? percentiles(s.toolCall()) : null);
    }

    private static Summary.OutputLength outputLength(LevelStats.OutputLength o) {
        if (o.requests() == 0) return null;
        double n = o.requests();
        return new Summary.OutputLength(o.requests(), round(o.requestedTokens() / n), round(o.receivedTokens() / n),
                round(100 * o.exact() / n), round(100 * o.fewer() / n));
    }

    private static Summary.Reasoning reasoning(LevelStats s) {
        long requests = s.reasoningReportedRequests();
        return new Summary.Reasoning(percentiles(s.ttfr()), percentiles(s.ttfo()), s.reasoningTokens(), requests,
                requests == 0 ? null : round((double) s.reasoningTokens() / requests),
                requests == 0 || s.usageOutputTokens() == 0 ? null : round(100.0 * s.reasoningTokens() / s.usageOutputTokens()));
    }

    /** Serverless jobs: queue, execution and overhead, and the RunPod team's "Total P50 = queue + execution + overhead" (docs/workloads.md). */
    private static Summary.JobBreakdown jobBreakdown(LevelStats s) {
        double total = s.e2e().percentileMillis(50);
        double queue = s.queue().percentileMillis(50);
        double execution = s.execution().percentileMillis(50);
        Summary.P50Split p50 = new Summary.P50Split(round(total), round(queue), round(100 * queue / total), round(execution),
                round(100 * execution / total), round(total - queue - execution), round(100 * (total - queue - execution) / total));
        return new Summary.JobBreakdown(percentiles(s.queue()), percentiles(s.execution()), percentiles(s.overhead()),
                round(s.tokensPerExecutionSecond()), p50);
    }

    static Summary.Percentiles percentiles(LatencyHistogram h) {
        if (h.count() == 0) return new Summary.Percentiles(0, null, null, null, null, null, null, null);
        return new Summary.Percentiles(h.count(), round(h.minMillis()), round(h.meanMillis()), round(h.percentileMillis(50)),
                round(h.percentileMillis(90)), round(h.percentileMillis(95)), round(h.percentileMillis(99)), round(h.maxMillis()));
    }
}
