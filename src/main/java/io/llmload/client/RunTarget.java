package io.llmload.client;

import io.llmload.metrics.LlmMetrics;

/**
 * What a request action needs at run time, resolved in the simulation's before(): the endpoints (one,
 * or several a request picks from), the served models a request draws from, the transport, the
 * recorder, and the run's early stop.
 */
public record RunTarget(EndpointPool endpoints, ModelMix models, Transport transport, LlmMetrics metrics, LoadStop stop) {

    /** One endpoint, one model. */
    public RunTarget(Endpoint endpoint, Transport transport, LlmMetrics metrics, LoadStop stop) {
        this(EndpointPool.of(endpoint), ModelMix.NONE, transport, metrics, stop);
    }

    /** The first endpoint: the budget, key and limits every request has, and the server the checks go to. */
    public Endpoint endpoint() {
        return endpoints.primary();
    }
}
