package io.llmload.metrics;

/**
 * One measured request. Durations in nanoseconds; {@code ttftNanos} is -1 when not streamed or no
 * token came. Output tokens are the server's {@code usage} when {@code usageReported}, else the
 * client-side count. {@code sendNanos} is the client's {@link System#nanoTime()} at send, for
 * comparisons with an in-process emulator's ground truth; {@code sendOverheadNanos} the time from
 * issuing the request to sending it (connection pool, TCP connect), not part of E2E or TTFT.
 * {@code queueNanos} and {@code executionNanos} are a serverless job's queue and execution time as
 * the platform reported them (RunPod's delayTime and executionTime), -1 for plain requests.
 */
public record RequestRecord(
        String request,
        int level,
        long startEpochMillis,
        boolean ok,
        String failure,
        int httpStatus,
        long e2eNanos,
        long ttftNanos,
        long[] interTokenNanos,
        int outputTokens,
        boolean usageReported,
        int clientOutputTokens,
        int promptTokens,
        boolean promptFromUsage,
        boolean streamed,
        String responseId,
        long sendNanos,
        long sendOverheadNanos,
        long queueNanos,
        long executionNanos,
        String scenario) {

    /** A serverless job or plain request without its Gatling scenario name. */
    public RequestRecord(String request, int level, long startEpochMillis, boolean ok, String failure, int httpStatus,
                         long e2eNanos, long ttftNanos, long[] interTokenNanos, int outputTokens, boolean usageReported,
                         int clientOutputTokens, int promptTokens, boolean promptFromUsage, boolean streamed,
                         String responseId, long sendNanos, long sendOverheadNanos, long queueNanos, long executionNanos) {
        this(request, level, startEpochMillis, ok, failure, httpStatus, e2eNanos, ttftNanos, interTokenNanos, outputTokens,
                usageReported, clientOutputTokens, promptTokens, promptFromUsage, streamed, responseId, sendNanos,
                sendOverheadNanos, queueNanos, executionNanos, null);
    }

    /** Mean gap between content chunks of this request, or -1 without two chunks. */
    public long meanInterTokenNanos() {
        if (interTokenNanos.length == 0) return -1;
        long sum = 0;
        for (long gap : interTokenNanos) sum += gap;
        return sum / interTokenNanos.length;
    }

    /** A plain (not serverless-job) request. */
    public RequestRecord(String request, int level, long startEpochMillis, boolean ok, String failure, int httpStatus,
                         long e2eNanos, long ttftNanos, long[] interTokenNanos, int outputTokens, boolean usageReported,
                         int clientOutputTokens, int promptTokens, boolean promptFromUsage, boolean streamed,
                         String responseId, long sendNanos, long sendOverheadNanos) {
        this(request, level, startEpochMillis, ok, failure, httpStatus, e2eNanos, ttftNanos, interTokenNanos, outputTokens,
                usageReported, clientOutputTokens, promptTokens, promptFromUsage, streamed, responseId, sendNanos,
                sendOverheadNanos, -1, -1, null);
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
