package io.llmload.client;

import io.llmload.metrics.Failure;

/**
 * What a request came to, as its protocol judged it: a failure (null: success), the answer's text
 * (counted on the client and checked), the tokens the server reported (-1: none), a serverless
 * job's platform times (null: not a job, or times rejected), the response's id, a server value
 * that could not be true and was not used, and the reasoning tokens and prefix-cached prompt tokens
 * the server counted (-1: none).
 */
public record Outcome(Failure failure, String text, int usagePromptTokens, int usageCompletionTokens, JobTimes job,
                      String responseId, String rejectedServerValue, int usageReasoningTokens, int usageCachedPromptTokens) {

    /** An outcome whose server reported no reasoning tokens. */
    public Outcome(Failure failure, String text, int usagePromptTokens, int usageCompletionTokens, JobTimes job, String responseId,
                   String rejectedServerValue) {
        this(failure, text, usagePromptTokens, usageCompletionTokens, job, responseId, rejectedServerValue, -1, -1);
    }

    /** Queue (RunPod's delayTime) and execution (executionTime) as the platform reported them, in milliseconds. */
    public record JobTimes(long queueMillis, long executionMillis) {
    }

    /** The rejected-value note of a {@code usage} count that cannot be true. */
    public static final String USAGE_OUT_OF_RANGE = "usage token count out of range";

    public static Outcome failed(Failure failure) {
        return new Outcome(failure, "", -1, -1, null, null, null);
    }

    public boolean ok() {
        return failure == null;
    }
}
