package io.llmload.client.runpod;

import io.llmload.client.JsonAnswer;
import io.llmload.metrics.Failure;

/** A RunPod job answer: the job JSON (its {@code error} is the job's, not a server error), HTTP failures named RunPod's way. */
final class JobDecoder {

    private JobDecoder() {
    }

    static JsonAnswer create() {
        return new JsonAnswer(false) {
            @Override
            public Failure httpFailure(int status, String body) {
                return JobFailures.http(status, body);
            }
        };
    }
}
