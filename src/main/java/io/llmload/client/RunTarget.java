package io.llmload.client;

import io.llmload.metrics.LlmMetrics;
import io.llmload.os.ThreadPolicy;

/**
 * What a request action needs at run time, resolved in the simulation's before(): the endpoints (one,
 * or several a request picks from), the served models a request draws from, the transport, the
 * recorder, the run's early stop, and the policy of Gatling's stats threads.
 */
public record RunTarget(EndpointPool endpoints, ModelMix models, Transport transport, LlmMetrics metrics, LoadStop stop,
                        ThreadPolicy statsThreads) {

    /** One endpoint, one model, Gatling's threads left as they are. */
    public RunTarget(Endpoint endpoint, Transport transport, LlmMetrics metrics, LoadStop stop) {
        this(EndpointPool.of(endpoint), ModelMix.NONE, transport, metrics, stop, ThreadPolicy.NORMAL);
    }

    /** The first endpoint: the budget, key and limits every request has, and the server the checks go to. */
    public Endpoint endpoint() {
        return endpoints.primary();
    }
}
