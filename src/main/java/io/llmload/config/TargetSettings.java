package io.llmload.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/** {@code target { base-url, api-key-env, model, request-timeout, ready-check, ready-wait, http-version, client, max-*-size, truncation-warning-ratio }}. */
public record TargetSettings(String baseUrl, String apiKeyEnv, String model, Duration requestTimeout, boolean readyCheck, Duration readyWait,
                             HttpClient.Version httpVersion, ClientKind client,
                             int maxEventBytes, int maxBodyBytes, double truncationWarningRatio) {

    public static final String EMBEDDED = "embedded";
    /** Read limits beyond this would let a handful of hostile answers exhaust any heap. */
    private static final long MAX_READ_LIMIT = 1L << 30;
    private static final int MAX_PORT = 65535;

    public static TargetSettings from(Keys target) {
        String baseUrl = target.string("base-url").trim();
        if (!EMBEDDED.equals(baseUrl)) {
            try {
                URI uri = URI.create(baseUrl);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                if (uri.getPort() > MAX_PORT || uri.getPort() == 0) {
                    throw new ConfigError(target.key("base-url") + ": port " + uri.getPort() + " is out of range (1-" + MAX_PORT + ") in \"" + baseUrl + "\"");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigError(target.key("base-url") + ": expected \"embedded\" or an http(s) URL such as http://127.0.0.1:8000, got \"" + baseUrl + "\"");
            }
        }
        return new TargetSettings(baseUrl, target.string("api-key-env"), target.nonBlank("model"),
                target.durationAtLeast("request-timeout", Duration.ofMillis(1)), target.bool("ready-check"), target.durationAtLeast("ready-wait", Duration.ZERO), target.choice("http-version", HttpClient.Version.class),
                target.choice("client", ClientKind.class),
                target.byteSize("max-event-size", MAX_READ_LIMIT), target.byteSize("max-body-size", MAX_READ_LIMIT),
                target.fraction("truncation-warning-ratio"));
    }

    /** The InfluxDB {@code target} tag of a run that sent to {@code baseUrl}: "embedded", or the endpoint's host:port. */
    public String influxTag(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return embedded() ? EMBEDDED : uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    public boolean embedded() {
        return EMBEDDED.equals(baseUrl);
    }

    /** The key from the environment variable named by api-key-env, or null. Never logged. */
    public String apiKey() {
        return Environment.secret(apiKeyEnv);
    }
}
