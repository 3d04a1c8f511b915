package io.llmload.metrics;

/**
 * One measured request. Durations in nanoseconds; {@code ttftNanos} is -1 when not streamed or no
 * token came. Output tokens are the server's {@code usage} when {@code usageReported}, else the
 * client-side count. {@code promptTokens} is the server's count when {@code promptFromUsage}, else
 * the client's; {@code clientPromptTokens} is the client's own count of the prompt (-1 when not
 * counted), kept to notice a server that truncated the prompt. {@code sendNanos} is the client's
 * {@link System#nanoTime()} at send, for comparisons with an in-process emulator's ground truth;
 * {@code sendOverheadNanos} the time from issuing the request to sending it (connection pool, TCP
 * connect), not part of E2E or TTFT. {@code queueNanos} and {@code executionNanos} are a serverless
 * job's queue and execution time as the platform reported them (RunPod's delayTime and
 * executionTime), -1 for plain requests. {@code staleRetries} counts sends repeated on a fresh
 * connection because a kept-alive one had been closed by the server; {@code rejectedServerValue}
 * names a value the server reported that could not be true and was not used (null when none).
 * {@code failure} is null exactly when {@code ok}.
 */
public record RequestRecord(
        String request,
        int level,
        long startEpochMillis,
        boolean ok,
        Failure failure,
        int httpStatus,
        long e2eNanos,
        long ttftNanos,
        long[] interTokenNanos,
        int outputTokens,
        boolean usageReported,
        int clientOutputTokens,
        int promptTokens,
        boolean promptFromUsage,
        int clientPromptTokens,
        boolean streamed,
        String responseId,
        long sendNanos,
        long sendOverheadNanos,
        long queueNanos,
        long executionNanos,
        int staleRetries,
        String rejectedServerValue,
        String scenario) {

    /** A plain (not serverless-job) request without its scenario, as tests build them. */
    public RequestRecord(String request, int level, long startEpochMillis, boolean ok, Failure failure, int httpStatus,
                         long e2eNanos, long ttftNanos, long[] interTokenNanos, int outputTokens, boolean usageReported,
                         int clientOutputTokens, int promptTokens, boolean promptFromUsage, boolean streamed,
                         String responseId, long sendNanos, long sendOverheadNanos) {
        this(request, level, startEpochMillis, ok, failure, httpStatus, e2eNanos, ttftNanos, interTokenNanos, outputTokens,
                usageReported, clientOutputTokens, promptTokens, promptFromUsage, -1, streamed, responseId, sendNanos,
                sendOverheadNanos, -1, -1, 0, null, null);
    }

    /** The failure's stable kind, or null for a successful request. */
    public FailureKind failureKind() {
        return failure == null ? null : failure.kind();
    }

    /** False for a request that never reached a server (refused, unreachable, a client error before sending). */
    public boolean reachedServer() {
        return failure == null || failure.kind().reachedServer();
    }

    /** Mean gap between content chunks of this request, or -1 without two chunks. */
    public long meanInterTokenNanos() {
        if (interTokenNanos.length == 0) return -1;
        long sum = 0;
        for (long gap : interTokenNanos) sum += gap;
        return sum / interTokenNanos.length;
    }

    public boolean hasJobBreakdown() {
        return queueNanos >= 0 && executionNanos >= 0;
    }

    /** Client-observed total minus the platform's queue and execution time: network, polling, serialisation. */
    public long overheadNanos() {
        return hasJobBreakdown() ? e2eNanos - queueNanos - executionNanos : -1;
    }

    /** (E2E − TTFT) / (output tokens − 1), or -1 when undefined. */
    public long tpotNanos() {
        if (ttftNanos < 0 || outputTokens < 2) return -1;
        return (e2eNanos - ttftNanos) / (outputTokens - 1);
    }

    public long endEpochMillis() {
        return startEpochMillis + e2eNanos / 1_000_000;
    }
}
