package io.llmload.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything measured for one request name at one load level. Thread-safe. Latency, TTFT, ITL and
 * TPOT come from successful requests only (as vLLM's benchmark and AIPerf count them): a server that
 * fails fast must not look fast. Failed requests keep their own latency histogram, shown apart.
 */
public final class LevelStats {

    private final String request;
    private final int level;
    final LatencyHistogram e2e = new LatencyHistogram();
    final LatencyHistogram ttft = new LatencyHistogram();
    final LatencyHistogram itl = new LatencyHistogram();
    final LatencyHistogram tpot = new LatencyHistogram();
    final LatencyHistogram queue = new LatencyHistogram();
    final LatencyHistogram execution = new LatencyHistogram();
    final LatencyHistogram overhead = new LatencyHistogram();
    final LatencyHistogram failedE2e = new LatencyHistogram();
    /** A reasoning model's streams: to the first thinking token, and to the first token of the answer proper. */
    final LatencyHistogram ttfr = new LatencyHistogram();
    final LatencyHistogram ttfo = new LatencyHistogram();
    /** Answers that were tool calls: to the complete call. */
    final LatencyHistogram toolCall = new LatencyHistogram();
    private final Map<Failure, Long> failures = new LinkedHashMap<>();
    private final Map<String, Long> rejectedServerValues = new TreeMap<>();
    private long notSent;
    private long staleRetries;
    private long truncatedPrompts;
    private long streamedOk;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long ok;
    private long ko;
    private long goodput;
    private long outputTokens;
    private long promptTokens;
    private long usageReported;
    private long usageOutputTokens;
    private long clientOutputTokensWhereUsage;
    private long firstStartMillis = Long.MAX_VALUE;
    private long lastEndMillis = Long.MIN_VALUE;
    /** Every request of the level, warm-up included: the load the level held (Little's law). */
    private long loadBusyNanos;
    private long loadFirstStartMillis = Long.MAX_VALUE;
    private long loadLastEndMillis = Long.MIN_VALUE;
    private long executionNanosTotal;
    private long executionOutputTokens;
    private long reasoningTokens;
    private long reasoningReported;
    private long cachedPromptTokens;
    private long cacheReported;
    private long promptTokensWhereCacheReported;
    private long lengthRequested;
    private long requestedOutputTokens;
    private long receivedOutputTokens;
    private long lengthExact;
    private long lengthShort;

    LevelStats(String request, int level) {
        this.request = request;
        this.level = level;
    }

    void add(RequestRecord r, boolean meetsGoodput, boolean promptTruncated) {
        if (r.ok()) {
            e2e.recordNanos(r.timing().e2eNanos());
            if (r.timing().ttftNanos() >= 0) ttft.recordNanos(r.timing().ttftNanos());
            for (long gap : r.timing().interTokenNanos()) itl.recordNanos(gap);
            if (r.tpotNanos() >= 0) tpot.recordNanos(r.tpotNanos());
            if (r.timing().ttfrNanos() >= 0) ttfr.recordNanos(r.timing().ttfrNanos());
            if (r.timing().ttfoNanos() >= 0) ttfo.recordNanos(r.timing().ttfoNanos());
            if (r.timing().toolCallNanos() >= 0) toolCall.recordNanos(r.timing().toolCallNanos());
        } else if (r.reachedServer()) {
            failedE2e.recordNanos(r.timing().e2eNanos());
        }
        if (r.ok() && r.hasJobBreakdown()) {
            queue.recordNanos(r.job().queueNanos());
            execution.recordNanos(r.job().executionNanos());
            // polling granularity can make the client see a job end before the platform's clock says so
            overhead.recordNanos(Math.max(0, r.overheadNanos()));
        }
        synchronized (this) {
            if (r.ok()) {
                ok++;
                if (r.timing().streamed()) streamedOk++;
                outputTokens += r.tokens().output();
                promptTokens += r.tokens().prompt();
                if (r.hasJobBreakdown()) {
                    executionNanosTotal += r.job().executionNanos();
                    executionOutputTokens += r.tokens().output();
                }
                if (r.tokens().cachedPrompt() >= 0) {
                    cacheReported++;
                    cachedPromptTokens += r.tokens().cachedPrompt();
                    promptTokensWhereCacheReported += r.tokens().prompt();
                }
                if (r.tokens().requestedOutput() > 0) countLength(r.tokens());
                if (r.tokens().reasoning() >= 0) {
                    reasoningReported++;
                    reasoningTokens += r.tokens().reasoning();
                }
                if (r.tokens().outputFromUsage()) {
                    usageReported++;
                    usageOutputTokens += r.tokens().output();
                    clientOutputTokensWhereUsage += r.tokens().clientOutput();
                }
            } else {
                ko++;
                failures.merge(r.failure(), 1L, Long::sum);
                if (!r.reachedServer()) notSent++;
            }
            staleRetries += r.staleRetries();
            if (promptTruncated) truncatedPrompts++;
            if (r.rejectedServerValue() != null) rejectedServerValues.merge(r.rejectedServerValue(), 1L, Long::sum);
            statuses.merge(r.httpStatus(), 1L, Long::sum);
            if (meetsGoodput) goodput++;
            firstStartMillis = Math.min(firstStartMillis, r.startEpochMillis());
            lastEndMillis = Math.max(lastEndMillis, r.endEpochMillis());
        }
        addLoad(r);
    }

    private void countLength(RequestRecord.Tokens tokens) {
        lengthRequested++;
        requestedOutputTokens += tokens.requestedOutput();
        receivedOutputTokens += tokens.output();
        if (tokens.output() == tokens.requestedOutput()) lengthExact++;
        if (tokens.output() < tokens.requestedOutput()) lengthShort++;
    }

    /** Adds everything {@code other} measured to this (a window made of time slices). */
    void mergeFrom(LevelStats other) {
        Map<String, LatencyHistogram> theirs = other.histograms();
        histograms().forEach((name, h) -> h.add(theirs.get(name)));
        add(other.counters());
    }

    /** Its histograms by a stable name (the names of an injector's histogram log). */
    public Map<String, LatencyHistogram> histograms() {
        Map<String, LatencyHistogram> out = new LinkedHashMap<>();
        out.put("e2e", e2e);
        out.put("ttft", ttft);
        out.put("itl", itl);
        out.put("tpot", tpot);
        out.put("queue", queue);
        out.put("execution", execution);
        out.put("overhead", overhead);
        out.put("failed_e2e", failedE2e);
        out.put("ttfr", ttfr);
        out.put("ttfo", ttfo);
        out.put("tool_call", toolCall);
        return out;
    }

    /** A KO reason and how many requests failed with it. */
    public record FailureCount(String kind, String reason, long count) {
    }

    /** Everything it counted (all but the histograms): what an injector writes for the merge, added up there. */
    public record Counters(long ok, long ko, long goodput, long notSent, long staleRetries, long truncatedPrompts, long streamedOk,
                           long outputTokens, long promptTokens, long usageReported, long usageOutputTokens,
                           long clientOutputTokensWhereUsage, long firstStartMillis, long lastEndMillis, long executionNanosTotal,
                           long executionOutputTokens, long loadBusyNanos, long loadFirstStartMillis, long loadLastEndMillis,
                           List<FailureCount> failures, Map<String, Long> rejectedServerValues, Map<Integer, Long> statuses,
                           long reasoningTokens, long reasoningReported, long cachedPromptTokens, long cacheReported,
                           long promptTokensWhereCacheReported, OutputLength outputLength) {
    }

    /**
     * Output length asked for (ignore_eos, min_tokens, a dataset's target) against received: over the
     * successful requests that asked for one, the tokens asked and got, and how many got exactly that or fewer.
     */
    public record OutputLength(long requests, long requestedTokens, long receivedTokens, long exact, long fewer) {
    }

    public synchronized Counters counters() {
        List<FailureCount> failureCounts = new ArrayList<>();
        failures.forEach((f, n) -> failureCounts.add(new FailureCount(f.kind().key(), f.reason(), n)));
        return new Counters(ok, ko, goodput, notSent, staleRetries, truncatedPrompts, streamedOk, outputTokens, promptTokens,
                usageReported, usageOutputTokens, clientOutputTokensWhereUsage, firstStartMillis, lastEndMillis, executionNanosTotal,
                executionOutputTokens, loadBusyNanos, loadFirstStartMillis, loadLastEndMillis, failureCounts,
                new TreeMap<>(rejectedServerValues), new TreeMap<>(statuses), reasoningTokens, reasoningReported, cachedPromptTokens,
                cacheReported, promptTokensWhereCacheReported, outputLength());
    }

    /** Adds counts another recorder (a time slice, another injector) made. */
    public synchronized void add(Counters c) {
        c.failures().forEach(f -> failures.merge(Failure.of(FailureKind.fromKey(f.kind()), f.reason()), f.count(), Long::sum));
        c.rejectedServerValues().forEach((v, n) -> rejectedServerValues.merge(v, n, Long::sum));
        c.statuses().forEach((st, n) -> statuses.merge(st, n, Long::sum));
        notSent += c.notSent();
        staleRetries += c.staleRetries();
        truncatedPrompts += c.truncatedPrompts();
        streamedOk += c.streamedOk();
        ok += c.ok();
        ko += c.ko();
        goodput += c.goodput();
        outputTokens += c.outputTokens();
        promptTokens += c.promptTokens();
        usageReported += c.usageReported();
        usageOutputTokens += c.usageOutputTokens();
        clientOutputTokensWhereUsage += c.clientOutputTokensWhereUsage();
        firstStartMillis = Math.min(firstStartMillis, c.firstStartMillis());
        lastEndMillis = Math.max(lastEndMillis, c.lastEndMillis());
        executionNanosTotal += c.executionNanosTotal();
        executionOutputTokens += c.executionOutputTokens();
        loadBusyNanos += c.loadBusyNanos();
        loadFirstStartMillis = Math.min(loadFirstStartMillis, c.loadFirstStartMillis());
        loadLastEndMillis = Math.max(loadLastEndMillis, c.loadLastEndMillis());
        reasoningTokens += c.reasoningTokens();
        reasoningReported += c.reasoningReported();
        cachedPromptTokens += c.cachedPromptTokens();
        cacheReported += c.cacheReported();
        promptTokensWhereCacheReported += c.promptTokensWhereCacheReported();
        if (c.outputLength() != null) {
            lengthRequested += c.outputLength().requests();
            requestedOutputTokens += c.outputLength().requestedTokens();
            receivedOutputTokens += c.outputLength().receivedTokens();
            lengthExact += c.outputLength().exact();
            lengthShort += c.outputLength().fewer();
        }
    }

    public synchronized OutputLength outputLength() {
        return new OutputLength(lengthRequested, requestedOutputTokens, receivedOutputTokens, lengthExact, lengthShort);
    }

    /** A request that held a slot of the level without being part of its figures (its warm-up). */
    synchronized void addLoad(RequestRecord r) {
        loadBusyNanos += r.timing().e2eNanos();
        loadFirstStartMillis = Math.min(loadFirstStartMillis, r.startEpochMillis());
        loadLastEndMillis = Math.max(loadLastEndMillis, r.endEpochMillis());
    }

    public String request() { return request; }
    public int level() { return level; }
    public LatencyHistogram e2e() { return e2e; }
    public LatencyHistogram ttft() { return ttft; }
    public LatencyHistogram itl() { return itl; }
    public LatencyHistogram tpot() { return tpot; }
    /** Serverless jobs: the platform's queue time (RunPod delayTime), successful jobs only. */
    public LatencyHistogram queue() { return queue; }
    /** Serverless jobs: the platform's execution time (RunPod executionTime), successful jobs only. */
    public LatencyHistogram execution() { return execution; }
    /** Serverless jobs: total − queue − execution, successful jobs only. */
    public LatencyHistogram overhead() { return overhead; }
    /** A reasoning model's streams: time to the first reasoning (thinking) token. */
    public LatencyHistogram ttfr() { return ttfr; }
    /** Time to the first token of the answer proper (AIPerf's TTFO); equal to TTFT for a stream without reasoning. */
    public LatencyHistogram ttfo() { return ttfo; }
    /** Answers that were tool calls: time to the complete call (its last streamed piece, or the whole body). */
    public LatencyHistogram toolCall() { return toolCall; }
    /** Reasoning tokens the server reported (usage.completion_tokens_details.reasoning_tokens), over the requests that reported them. */
    public synchronized long reasoningTokens() { return reasoningTokens; }
    public synchronized long reasoningReportedRequests() { return reasoningReported; }
    /** Prompt tokens the server's prefix cache served (usage.prompt_tokens_details.cached_tokens), over the requests that reported them. */
    public synchronized long cachedPromptTokens() { return cachedPromptTokens; }
    public synchronized long cacheReportedRequests() { return cacheReported; }
    /** The prompt tokens of the requests that reported their cached tokens: what {@link #cachedPromptTokens} is a share of. */
    public synchronized long promptTokensWhereCacheReported() { return promptTokensWhereCacheReported; }
    /** E2E of the requests that failed after reaching a server: shown apart, never in the latency SLOs. */
    public LatencyHistogram failedLatency() { return failedE2e; }

    public synchronized long requests() { return ok + ko; }
    public synchronized long ok() { return ok; }
    public synchronized long ko() { return ko; }
    public synchronized long outputTokens() { return outputTokens; }
    public synchronized long promptTokens() { return promptTokens; }
    /** KOs by reason text (reasons of different kinds with the same text are added up). */
    public synchronized Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((f, n) -> out.merge(f.reason(), n, Long::sum));
        return out;
    }

    /** KOs by kind and reason, most frequent first. */
    public synchronized Map<Failure, Long> failureCounts() {
        Map<Failure, Long> out = new LinkedHashMap<>();
        failures.entrySet().stream()
                .sorted(Map.Entry.<Failure, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().kind()).thenComparing(e -> e.getKey().reason()))
                .forEachOrdered(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** KOs by stable kind ({@link FailureKind#key()}). */
    public synchronized Map<String, Long> failuresByKind() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((f, n) -> out.merge(f.kind().key(), n, Long::sum));
        return out;
    }

    /** Requests that never reached a server (refused, unreachable, a client error before sending). */
    public synchronized long notSent() { return notSent; }
    /** Requests sent again on a fresh connection because the server had closed the kept-alive one. */
    public synchronized long staleConnectionRetries() { return staleRetries; }
    /** Successful requests whose server-reported prompt tokens were well below the client's count. */
    public synchronized long truncatedPrompts() { return truncatedPrompts; }
    /** Server-reported values that could not be true and were not used, by what they were. */
    public synchronized Map<String, Long> rejectedServerValues() { return new TreeMap<>(rejectedServerValues); }
    /** Successful requests that were streamed (the only ones with TTFT and ITL). */
    public synchronized long streamedOk() { return streamedOk; }
    /** Requests by HTTP status (0 = no response: connection error or client timeout). */
    public synchronized Map<Integer, Long> statuses() { return new TreeMap<>(statuses); }

    /** Share of requests answered with {@code status}, in percent. */
    public synchronized double statusPercent(int status) {
        return requests() == 0 ? Double.NaN : 100.0 * statuses.getOrDefault(status, 0L) / requests();
    }
    public synchronized long usageReportedRequests() { return usageReported; }
    public synchronized long usageOutputTokens() { return usageOutputTokens; }
    public synchronized long clientOutputTokensWhereUsage() { return clientOutputTokensWhereUsage; }

    /** When the level's first request started (epoch ms; Long.MAX_VALUE before any). */
    public synchronized long firstStartMillis() {
        return firstStartMillis;
    }

    /** When the level's last request ended (epoch ms; Long.MIN_VALUE before any). */
    public synchronized long lastEndMillis() {
        return lastEndMillis;
    }

    /** Wall time from the first request's start to the last one's end, in seconds. */
    public synchronized double windowSeconds() {
        return requests() == 0 ? 0 : Math.max(1, lastEndMillis - firstStartMillis) / 1000.0;
    }

    public synchronized double successPercent() {
        return requests() == 0 ? Double.NaN : 100.0 * ok / requests();
    }

    public synchronized double goodputPercent() {
        return requests() == 0 ? Double.NaN : 100.0 * goodput / requests();
    }

    /** Requests that reached a server (OK or KO) per second of the window; requests never sent do not count. */
    public synchronized double requestsPerSecond() {
        return requests() == 0 ? 0 : (requests() - notSent) / windowSeconds();
    }

    public synchronized double outputTokensPerSecond() {
        return requests() == 0 ? 0 : outputTokens / windowSeconds();
    }

    public synchronized double totalTokensPerSecond() {
        return requests() == 0 ? 0 : (outputTokens + promptTokens) / windowSeconds();
    }

    /** Serverless jobs: output tokens per second of execution time (a worker's generation speed), or NaN. */
    public synchronized double tokensPerExecutionSecond() {
        return executionNanosTotal == 0 ? Double.NaN : executionOutputTokens / (executionNanosTotal / 1e9);
    }

    /** Mean requests in flight over the level (Little's law), warm-up included: load fidelity of a closed model. */
    public synchronized double achievedConcurrency() {
        return loadBusyNanos == 0 ? 0 : loadBusyNanos / 1e9 / (Math.max(1, loadLastEndMillis - loadFirstStartMillis) / 1000.0);
    }
}
