package io.llmload.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run summary as typed records: what llm-summary.json holds (Jackson writes them, component
 * names in snake_case) and what the console table and llm-summary.md render. Figures are rounded
 * to two decimals; a figure that was not measured is null, never NaN.
 */
public final class Summary {

    private Summary() {
    }

    /**
     * One run: who and when, its request's summary (the first request of a mixed run), the others,
     * the SLO verdicts, and the sections the workload contributed (load fidelity, server view, job
     * health, alert bands, capacity, SLA projection, InfluxDB, Grafana), by their JSON key.
     */
    public record Run(String simulation, String runId, String target, String model, String started, String finished,
                      Request main, List<Request> others, List<Slo> slos, Map<String, Section> sections) {

        /** The main request, then the others. */
        @JsonIgnore
        public List<Request> requests() {
            List<Request> all = new ArrayList<>();
            all.add(main);
            all.addAll(others);
            return all;
        }
    }

    /** One request name's figures: per level and over the run. */
    /** {@code byModel}, {@code byEndpoint}: the whole run again per served model and per endpoint, where the run mixed several. */
    public record Request(String request, String goodputCriteria, double truncationWarningRatio, List<Level> levels,
                          Level overall, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Level> byModel,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Level> byEndpoint) {
    }

    /**
     * Everything measured for one request name at one load level ({@code level} "all" for the run; a
     * named step's name, e.g. "4 req/s", with its number in {@code step}, which SLOs and InfluxDB use).
     */
    public record Level(Object level, long requests, long ok, long ko, Double successPct, Double goodputPct, Double windowS,
                        Double requestsPerS, Double outputTokensPerS, Double totalTokensPerS, long promptTokens,
                        long outputTokens, Fidelity loadFidelity, Percentiles latencyMs, Percentiles ttftMs,
                        Percentiles itlMs, Percentiles tpotMs, TokenCounts outputTokenCounts, Map<String, Long> failures,
                        Map<String, Long> failuresByKind, List<FailureCount> failureDetails, Percentiles failedLatencyMs,
                        Map<Integer, Long> requestsByStatus, long notSent, String disturbed, long staleConnectionRetries,
                        long truncatedPrompts, Map<String, Long> rejectedServerValues,
                        @JsonInclude(JsonInclude.Include.NON_NULL) JobBreakdown jobBreakdown,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Reasoning reasoning,
                        @JsonInclude(JsonInclude.Include.NON_NULL) PromptCache promptCache,
                        @JsonInclude(JsonInclude.Include.NON_NULL) OutputLength outputLength,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer step,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Percentiles toolCallMs) {
    }

    /**
     * The output length asked for exactly (ignore_eos, min_tokens, a dataset's target) against the
     * length received, over the successful requests that asked: means, and the shares that got exactly
     * that many tokens or fewer.
     */
    public record OutputLength(long requests, Double requestedMean, Double receivedMean, Double exactPct, Double fewerPct) {
    }

    /**
     * The server's prefix cache as its usage reported it ({@code prompt_tokens_details.cached_tokens}):
     * cached prompt tokens, and their share of the prompt tokens of the requests that reported them.
     */
    public record PromptCache(long requestsReporting, long cachedPromptTokens, long promptTokens, Double cachedPct) {
    }

    /**
     * A reasoning model's figures (present when its streams carried reasoning or its usage counted
     * reasoning tokens): time to the first thinking token (TTFR), to the first token of the answer
     * (TTFO), and the thinking tokens per request and as a share of the output tokens.
     */
    public record Reasoning(Percentiles ttfrMs, Percentiles ttfoMs, long reasoningTokens, long requestsWithReasoningTokens,
                            Double reasoningTokensPerRequest, Double reasoningSharePct) {
    }

    /** A closed model's requested concurrency (null when the level is not a concurrency) beside the achieved one. */
    public record Fidelity(Integer requestedConcurrency, Double achievedConcurrency) {
    }

    /** Milliseconds: the count always, the rest when there is something. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Percentiles(long count, Double min, Double mean, Double p50, Double p90, Double p95, Double p99, Double max) {
    }

    /** Output tokens where the server reported usage, beside the client's own count of the same answers. */
    public record TokenCounts(long requestsWithServerUsage, long serverOutputTokens, long clientCountedOutputTokens,
                              Double clientMinusServerPct) {
    }

    public record FailureCount(String kind, String reason, long count) {
    }

    /** Serverless jobs: the platform's queue and execution times and the rest, and the P50 split as the RunPod report gives it. */
    public record JobBreakdown(Percentiles queueMs, Percentiles executionMs, Percentiles overheadMs, Double outputTokensPerExecutionS,
                               P50Split p50Breakdown) {
    }

    public record P50Split(Double totalMs, Double queueMs, Double queuePct, Double executionMs, Double executionPct,
                           Double overheadMs, Double overheadPct) {
    }

    /** One SLO verdict; {@code marginPct}: the room left to the limit in percent of it (negative: breached by). */
    public record Slo(String name, String objective, Double measured, String unit, boolean passed, String message, Double marginPct) {
    }

    /** One alert band at one level (never fails the build). */
    public record Alert(String alert, Object level, String band, Double measured, String unit, boolean fired) {
    }

    /** The alert bands, checked at every level: a table in llm-summary.md, an ALERT line on the console for each that fired. */
    public record Alerts(@JsonValue List<Alert> bands) implements Section {
        @Override
        public String key() {
            return "alerts";
        }

        @Override
        public Place place() {
            return Place.WITH_SLOS;
        }

        @Override
        public String markdown() {
            if (bands.isEmpty()) return "";
            StringBuilder md = new StringBuilder("\n## Alert bands\n\nMonitoring thresholds checked per level; they do not fail the build.\n\n")
                    .append("| alert | level | band | measured | state |\n|---|---|---|---|---|\n");
            for (Alert a : bands) {
                md.append("| ").append(a.alert()).append(" | ").append(a.level()).append(" | ").append(a.band())
                  .append(" | ").append(a.measured()).append(' ').append(a.unit())
                  .append(" | ").append(a.fired() ? "**FIRING**" : "ok").append(" |\n");
            }
            return md.toString();
        }

        @Override
        public String console() {
            StringBuilder out = new StringBuilder();
            for (Alert a : bands) {
                if (a.fired()) {
                    out.append("  ALERT ").append(a.alert()).append(": ").append(a.band()).append(", measured ").append(a.measured())
                       .append(' ').append(a.unit()).append('\n');
                }
            }
            return out.toString();
        }
    }

    /** The InfluxDB sink's account at the end. */
    public record Influx(String runId, long generatedPoints, long writtenPoints, long droppedPoints, long failedWrites,
                         long closeMs) implements Section {
        @Override
        public String key() {
            return "influx";
        }
    }

    /** The run's overview dashboard in Grafana. */
    public record GrafanaLink(@JsonValue String url) implements Section {
        @Override
        public String key() {
            return "grafana";
        }

        @Override
        public String markdown() {
            return "\nGrafana: " + url + "\n";
        }
    }
}
