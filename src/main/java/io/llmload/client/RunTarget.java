package io.llmload.client;

import io.llmload.metrics.LlmMetrics;

/**
 * What a request action needs at run time, resolved in the simulation's before(): the endpoint, the
 * transport, the recorder, and the run's early stop.
 */
public record RunTarget(Endpoint endpoint, Transport transport, LlmMetrics metrics, LoadStop stop) {
}
