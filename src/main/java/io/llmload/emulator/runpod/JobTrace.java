package io.llmload.emulator.runpod;

/**
 * Ground truth of one finished job, exactly as the emulator reported it: {@code delayTimeMillis}
 * and {@code executionTimeMillis} are the values of the job JSON's delayTime and executionTime.
 */
public record JobTrace(String id, String status, String workerId, long delayTimeMillis, long executionTimeMillis,
                       int promptTokens, int outputTokens, long submittedNanos, long startedNanos, long finishedNanos) {
}
