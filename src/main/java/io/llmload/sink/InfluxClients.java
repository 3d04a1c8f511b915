package io.llmload.sink;

import io.llmload.config.InfluxSettings;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/** One way to open InfluxDB: the settings' URL, with the user and password from their environment variables when set. */
public final class InfluxClients {

    private InfluxClients() {
    }

    public static InfluxDB connect(InfluxSettings settings, OkHttpClient.Builder http) {
        String user = settings.user();
        return user == null ? InfluxDBFactory.connect(settings.url(), http)
                : InfluxDBFactory.connect(settings.url(), user, settings.password() == null ? "" : settings.password(), http);
    }
}
