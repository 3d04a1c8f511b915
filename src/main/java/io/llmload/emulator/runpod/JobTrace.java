package io.llmload.emulator.runpod;

/**
 * Ground truth of one finished job: {@code delayTimeMillis} and {@code executionTimeMillis} are the
 * values of the job JSON's delayTime and executionTime, except for a job with {@code absurdTimes}
 * (an injected fault), whose JSON said {@link RunPodHttpHandler#ABSURD_MILLIS} for both instead.
 */
public record JobTrace(String id, String status, String workerId, long delayTimeMillis, long executionTimeMillis,
                       int promptTokens, int outputTokens, long submittedNanos, long startedNanos, long finishedNanos,
                       boolean absurdTimes) {
}
