package io.llmload.client;

import io.llmload.metrics.LlmMetrics;

/** What an LLM request action needs at run time, resolved in the simulation's before(). */
public record LlmTarget(Endpoint endpoint, LlmHttpClient client, LlmMetrics metrics) {
}
