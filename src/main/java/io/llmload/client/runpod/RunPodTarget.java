package io.llmload.client.runpod;

import io.llmload.metrics.LlmMetrics;
import io.llmload.client.LlmHttpClient;
import io.llmload.client.ReadLimits;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** A RunPod serverless endpoint at run time: {@code {base}/v2/{endpoint-id}/...}, the key, the client, the read limits. */
public record RunPodTarget(URI baseUri, String endpointId, String apiKey, LlmHttpClient client, LlmMetrics metrics,
                           ReadLimits readLimits) {

    public URI uri(String operation) {
        String base = baseUri.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + "/v2/" + endpointId + "/" + operation);
    }

    HttpRequest.Builder request(String operation, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(operation))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (apiKey != null && !apiKey.isEmpty()) builder.header("Authorization", "Bearer " + apiKey);
        return builder;
    }

    @Override
    public String toString() {
        return "RunPodTarget[" + uri("") + (apiKey != null ? ", api key set" : "") + "]";
    }
}
