package io.llmload.config;

import java.net.URI;
import java.time.Duration;

/**
 * The {@code influx { ... }} section: where live metrics go (InfluxDB 1.x), how they are batched,
 * and how much is buffered while InfluxDB is away. User and password come from environment variables.
 */
public record InfluxSettings(boolean enabled, String url, String database, String retentionPolicy, boolean createDatabase,
                             String userEnv, String passwordEnv, String runId, String injector, int batchSize,
                             Duration flushInterval, int bufferLimit, Duration writeTimeout, Duration shutdownTimeout,
                             Duration aggregateInterval, String grafanaUrl) {

    public static InfluxSettings from(Keys influx) {
        boolean enabled = influx.bool("enabled");
        String url = influx.string("url").trim();
        if (enabled) {
            try {
                URI uri = URI.create(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigError(influx.key("url") + ": expected an http(s) URL such as http://127.0.0.1:8086, got \"" + url + "\"");
            }
        }
        return new InfluxSettings(enabled, url, influx.string("database"), influx.string("retention-policy"),
                influx.bool("create-database"), influx.string("user-env"), influx.string("password-env"),
                influx.string("run-id").trim(), influx.string("injector").trim(), influx.positiveInt("batch-size"),
                influx.positiveDuration("flush-interval"), influx.positiveInt("buffer-limit"),
                influx.positiveDuration("write-timeout"), influx.positiveDuration("shutdown-timeout"),
                influx.positiveDuration("aggregate-interval"), influx.string("grafana-url").trim());
    }

    public String user() {
        return Environment.secret(userEnv);
    }

    public String password() {
        return Environment.secret(passwordEnv);
    }
}
