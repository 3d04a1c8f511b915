package io.llmload.client;

import java.net.URI;
import java.time.Duration;

/** A resolved target: base URL, optional API key (never logged), request budget, read limits. */
public record Endpoint(URI baseUri, String apiKey, Duration requestTimeout, ReadLimits readLimits) {

    /** With the default read limits (tests and tools without configuration). */
    public Endpoint(URI baseUri, String apiKey, Duration requestTimeout) {
        this(baseUri, apiKey, requestTimeout, ReadLimits.DEFAULT);
    }

    public URI resolve(String path) {
        String base = baseUri.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        // a base URL that already ends in /v1 (as OpenAI clients take it) must not get a second /v1
        if (base.endsWith("/v1") && path.startsWith("/v1/")) path = path.substring(3);
        return URI.create(base + path);
    }

    /** The server itself: the base URL without a trailing {@code /v1} (where /health and /metrics live). */
    public URI serverRoot() {
        String base = baseUri.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        if (base.endsWith("/v1")) base = base.substring(0, base.length() - 3);
        return URI.create(base);
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isEmpty();
    }

    @Override
    public String toString() {
        return "Endpoint[" + baseUri + (hasApiKey() ? ", api key set" : "") + ", timeout " + requestTimeout + "]";
    }
}
