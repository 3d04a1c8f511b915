package io.llmload.client.runpod;

import java.net.URI;

/** A RunPod serverless endpoint: {@code {base}/v2/{endpoint-id}/...} and its key (never printed). */
public record RunPodEndpoint(URI baseUri, String endpointId, String apiKey) {

    public URI uri(String operation) {
        String base = baseUri.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + "/v2/" + endpointId + "/" + operation);
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isEmpty();
    }

    @Override
    public String toString() {
        return "RunPodEndpoint[" + uri("") + (hasApiKey() ? ", api key set" : "") + "]";
    }
}
