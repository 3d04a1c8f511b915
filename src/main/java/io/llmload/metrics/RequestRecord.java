package io.llmload.metrics;

/**
 * One measured request, in typed parts built in one place (the generic request action): its
 * timing, its tokens, a serverless job's platform times, and why it failed. {@code failure} is
 * null exactly when the request succeeded. {@code staleRetries} counts sends repeated on a fresh
 * connection because a kept-alive one had been closed by the server; {@code rejectedServerValue}
 * names a value the server reported that could not be true and was not used (null when none);
 * {@code warmUp}: a warm-up request of its level ({@link WarmUp}), kept out of the level's statistics.
 * {@code model} and {@code endpoint}: the served model name it asked and the base URL it went to,
 * where a run spreads its requests over several (null otherwise).
 */
public record RequestRecord(
        String request,
        String scenario,
        int level,
        long startEpochMillis,
        Timing timing,
        Tokens tokens,
        Job job,
        Failure failure,
        int httpStatus,
        String responseId,
        int staleRetries,
        String rejectedServerValue,
        boolean warmUp,
        String model,
        String endpoint) {

    public RequestRecord(String request, String scenario, int level, long startEpochMillis, Timing timing, Tokens tokens, Job job,
                         Failure failure, int httpStatus, String responseId, int staleRetries, String rejectedServerValue, boolean warmUp) {
        this(request, scenario, level, startEpochMillis, timing, tokens, job, failure, httpStatus, responseId, staleRetries,
                rejectedServerValue, warmUp, null, null);
    }

    /** A measured request that is not warm-up. */
    public RequestRecord(String request, String scenario, int level, long startEpochMillis, Timing timing, Tokens tokens, Job job,
                         Failure failure, int httpStatus, String responseId, int staleRetries, String rejectedServerValue) {
        this(request, scenario, level, startEpochMillis, timing, tokens, job, failure, httpStatus, responseId, staleRetries,
                rejectedServerValue, false);
    }

    /**
     * Client-side timing, in {@link System#nanoTime()} units. {@code sendNanos} is when the request
     * was handed to the connection (E2E and TTFT count from there), {@code sendOverheadNanos} the time
     * before it (connection pool, TCP connect). {@code ttftNanos} is -1 without a streamed first token;
     * {@code interTokenNanos} are the gaps between content chunks of a stream. A reasoning model's
     * stream also has {@code ttfrNanos}, to its first reasoning (thinking) token, and {@code ttfoNanos},
     * to the first token of the answer proper (AIPerf's time to first output token); without
     * reasoning, TTFR is -1 and TTFO equals TTFT. {@code toolCallNanos}: to the complete tool call
     * (the chunk carrying its last piece; a whole body: E2E), -1 for an answer without one.
     */
    public record Timing(long sendNanos, long sendOverheadNanos, long e2eNanos, long ttftNanos, long[] interTokenNanos,
                         boolean streamed, long ttfrNanos, long ttfoNanos, long toolCallNanos) {

        /** The timing of an answer without tool calls. */
        public Timing(long sendNanos, long sendOverheadNanos, long e2eNanos, long ttftNanos, long[] interTokenNanos,
                      boolean streamed, long ttfrNanos, long ttfoNanos) {
            this(sendNanos, sendOverheadNanos, e2eNanos, ttftNanos, interTokenNanos, streamed, ttfrNanos, ttfoNanos, -1);
        }

        /** The timing of a stream without reasoning: its first output token is its first token. */
        public Timing(long sendNanos, long sendOverheadNanos, long e2eNanos, long ttftNanos, long[] interTokenNanos, boolean streamed) {
            this(sendNanos, sendOverheadNanos, e2eNanos, ttftNanos, interTokenNanos, streamed, -1, ttftNanos);
        }

        /** Mean gap between content chunks, or -1 without two chunks. */
        public long meanInterTokenNanos() {
            if (interTokenNanos.length == 0) return -1;
            long sum = 0;
            for (long gap : interTokenNanos) sum += gap;
            return sum / interTokenNanos.length;
        }
    }

    /**
     * Token counts: {@code output} and {@code prompt} are the server's {@code usage} when it reported
     * them ({@code outputFromUsage}, {@code promptFromUsage}), else the client's counts
     * ({@code clientOutput}, {@code clientPrompt}; -1 when not counted). {@code reasoning}: of the
     * output, a reasoning model's thinking tokens as the server reported them
     * ({@code usage.completion_tokens_details.reasoning_tokens}), -1 when it did not. {@code cachedPrompt}:
     * of the prompt, the tokens the server's prefix cache served ({@code usage.prompt_tokens_details.cached_tokens}), or -1.
     */
    public record Tokens(int output, boolean outputFromUsage, int clientOutput, int prompt, boolean promptFromUsage,
                         int clientPrompt, int reasoning, int cachedPrompt, int requestedOutput) {

        /** Counts without a server-reported number of reasoning or cached tokens, nor an output length asked for. */
        public Tokens(int output, boolean outputFromUsage, int clientOutput, int prompt, boolean promptFromUsage, int clientPrompt) {
            this(output, outputFromUsage, clientOutput, prompt, promptFromUsage, clientPrompt, -1, -1, -1);
        }
    }

    /** A serverless job's queue and execution time as the platform reported them (RunPod's delayTime, executionTime). */
    public record Job(long queueNanos, long executionNanos) {
    }

    public boolean ok() {
        return failure == null;
    }

    /** False for a request that never reached a server (refused, unreachable, a client error before sending). */
    public boolean reachedServer() {
        return failure == null || failure.kind().reachedServer();
    }

    public boolean hasJobBreakdown() {
        return job != null;
    }

    /** Client-observed total minus the platform's queue and execution time (network, polling, serialisation), or -1. */
    public long overheadNanos() {
        return job == null ? -1 : timing.e2eNanos() - job.queueNanos() - job.executionNanos();
    }

    /** (E2E − TTFT) / (output tokens − 1), or -1 when undefined. */
    public long tpotNanos() {
        if (timing.ttftNanos() < 0 || tokens.output() < 2) return -1;
        return (timing.e2eNanos() - timing.ttftNanos()) / (tokens.output() - 1);
    }

    public long endEpochMillis() {
        return startEpochMillis + timing.e2eNanos() / 1_000_000;
    }
}
