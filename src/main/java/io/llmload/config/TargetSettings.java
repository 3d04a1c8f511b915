package io.llmload.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code target { base-url, api-key-env, model, request-timeout, ready-check, ready-wait, http-version, client, max-*-size,
 * truncation-warning-ratio, balance, models, models-seed }}. {@code base-url} may list several servers of the same model,
 * comma-separated ({@code baseUrls}; {@code baseUrl} is the first).
 */
public record TargetSettings(String baseUrl, String apiKeyEnv, String model, Duration requestTimeout, boolean readyCheck, Duration readyWait,
                             HttpClient.Version httpVersion, ClientKind client,
                             int maxEventBytes, int maxBodyBytes, double truncationWarningRatio,
                             List<String> baseUrls, Balance balance, List<WeightedModel> models, long modelsSeed) {

    /** How a request picks one of several base URLs. */
    public enum Balance { ROUND_ROBIN, LEAST_OUTSTANDING }

    /** A served model name and its share of the requests ({@code target.models}). */
    public record WeightedModel(String name, double weight) {
    }

    public static final String EMBEDDED = "embedded";
    /** Read limits beyond this would let a handful of hostile answers exhaust any heap. */
    private static final long MAX_READ_LIMIT = 1L << 30;
    private static final int MAX_PORT = 65535;

    public static TargetSettings from(Keys target) {
        List<String> baseUrls = new ArrayList<>();
        for (String url : target.string("base-url").split(",")) if (!url.isBlank()) baseUrls.add(url.trim());
        if (baseUrls.isEmpty()) throw new ConfigError(target.key("base-url") + ": expected \"embedded\" or an http(s) URL such as http://127.0.0.1:8000, got \"\"");
        if (baseUrls.size() > 1 && baseUrls.contains(EMBEDDED)) {
            throw new ConfigError(target.key("base-url") + ": \"embedded\" goes alone (several embedded servers: emulator.instances)");
        }
        for (String url : baseUrls) checkUrl(target, url);
        return new TargetSettings(baseUrls.get(0), target.string("api-key-env"), target.nonBlank("model"),
                target.durationAtLeast("request-timeout", Duration.ofMillis(1)), target.bool("ready-check"), target.durationAtLeast("ready-wait", Duration.ZERO), target.choice("http-version", HttpClient.Version.class),
                target.choice("client", ClientKind.class),
                target.byteSize("max-event-size", MAX_READ_LIMIT), target.byteSize("max-body-size", MAX_READ_LIMIT),
                target.fraction("truncation-warning-ratio"), List.copyOf(baseUrls), target.choice("balance", Balance.class),
                models(target), target.integer("models-seed"));
    }

    /** {@code models}: a list of {name, weight}, or "name:weight,name:weight" as -D gives it; empty: every request asks {@code model}. */
    private static List<WeightedModel> models(Keys target) {
        List<WeightedModel> out = new ArrayList<>();
        var value = target.raw().getValue("models");
        if (value.valueType() == com.typesafe.config.ConfigValueType.STRING) {
            for (String part : target.string("models").split(",")) {
                if (part.isBlank()) continue;
                String[] nameWeight = part.trim().split(":");
                out.add(new WeightedModel(nameWeight[0].trim(), nameWeight.length > 1 ? weight(target, nameWeight[1].trim()) : 1));
            }
        } else {
            for (var entry : target.raw().getConfigList("models")) {
                if (!entry.hasPath("name")) throw new ConfigError(target.key("models") + ": each entry needs a name, got " + entry.root().render());
                out.add(new WeightedModel(entry.getString("name"), entry.hasPath("weight") ? entry.getDouble("weight") : 1));
            }
        }
        for (WeightedModel m : out) {
            if (!(m.weight() > 0)) throw new ConfigError(target.key("models") + ": the weight of " + m.name() + " must be > 0, got " + m.weight());
        }
        return List.copyOf(out);
    }

    private static double weight(Keys target, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConfigError(target.key("models") + ": expected name:weight such as sql-lora:2, got weight \"" + text + "\"");
        }
    }

    private static void checkUrl(Keys target, String baseUrl) {
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
