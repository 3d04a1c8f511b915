package io.llmload.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/** {@code target { base-url, api-key-env, model, request-timeout, http-version }}. */
public record TargetSettings(String baseUrl, String apiKeyEnv, String model, Duration requestTimeout,
                             HttpClient.Version httpVersion, io.llmload.target.LlmHttpClient.Transport client) {

    public static final String EMBEDDED = "embedded";

    public static TargetSettings from(Keys target) {
        String baseUrl = target.string("base-url").trim();
        if (!EMBEDDED.equals(baseUrl)) {
            try {
                URI uri = URI.create(baseUrl);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigError(target.key("base-url") + ": expected \"embedded\" or an http(s) URL such as http://127.0.0.1:8000, got \"" + baseUrl + "\"");
            }
        }
        return new TargetSettings(baseUrl, target.string("api-key-env"), target.string("model"),
                target.positiveDuration("request-timeout"), target.choice("http-version", HttpClient.Version.class),
                target.choice("client", io.llmload.target.LlmHttpClient.Transport.class));
    }

    public boolean embedded() {
        return EMBEDDED.equals(baseUrl);
    }

    /** The key from the environment variable named by api-key-env, or null. Never logged. */
    public String apiKey() {
        return Environment.secret(apiKeyEnv);
    }
}
