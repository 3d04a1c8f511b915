package io.llmload.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A resolved target: base URL, optional API key (never logged), request budget, read limits. */
public record Endpoint(URI baseUri, String apiKey, Duration requestTimeout, ReadLimits readLimits) {

    /** A Prometheus URL setting meaning "the target's own /metrics". */
    public static final String AUTO_METRICS = "auto";
    /**
     * URIs resolved so far: every request resolves one of a few API paths against one of a few base
     * URLs, and parsing the URI each time cost ~2 % of the injector's CPU at 25,000 requests/s.
     */
    private static final Map<String, URI> RESOLVED = new ConcurrentHashMap<>();
    private static final int RESOLVED_KEPT = 256;

    /** With the default read limits (tests and tools without configuration). */
    public Endpoint(URI baseUri, String apiKey, Duration requestTimeout) {
        this(baseUri, apiKey, requestTimeout, ReadLimits.DEFAULT);
    }

    public URI resolve(String path) {
        String base = baseUri.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        // a base URL that already ends in /v1 (as OpenAI clients take it) must not get a second /v1
        if (base.endsWith("/v1") && path.startsWith("/v1/")) path = path.substring(3);
        String uri = base + path;
        URI known = RESOLVED.get(uri);
        if (known != null) return known;
        URI parsed = URI.create(uri);
        if (RESOLVED.size() < RESOLVED_KEPT) RESOLVED.put(uri, parsed);
        return parsed;
    }

    /** The server itself: the base URL without a trailing {@code /v1} (where /health and /metrics live). */
    public URI serverRoot() {
        String base = baseUri.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        if (base.endsWith("/v1")) base = base.substring(0, base.length() - 3);
        return URI.create(base);
    }

    /**
     * A configured Prometheus URL ({@code capacity.prometheus-url}, {@code server-metrics.prometheus-url}):
     * "auto" is the server's own {@code /metrics}, "" none (null), anything else itself.
     */
    public URI metrics(String configured) {
        if (configured.isEmpty()) return null;
        return AUTO_METRICS.equals(configured) ? URI.create(serverRoot() + "/metrics") : URI.create(configured);
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isEmpty();
    }

    @Override
    public String toString() {
        return "Endpoint[" + baseUri + (hasApiKey() ? ", api key set" : "") + ", timeout " + requestTimeout + "]";
    }
}
