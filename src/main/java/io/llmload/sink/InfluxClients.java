package io.llmload.sink;

import io.llmload.config.InfluxSettings;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.util.ArrayList;
import java.util.List;

/**
 * One way to open InfluxDB (the settings' URL, with the user and password from their environment
 * variables when set) and to read what a query returned.
 */
public final class InfluxClients {

    private InfluxClients() {
    }

    public static InfluxDB connect(InfluxSettings settings, OkHttpClient.Builder http) {
        String user = settings.user();
        return user == null ? InfluxDBFactory.connect(settings.url(), http)
                : InfluxDBFactory.connect(settings.url(), user, settings.password() == null ? "" : settings.password(), http);
    }

    /** Runs one InfluxQL statement; an error of the server or of any of its results is thrown, naming the statement. */
    public static QueryResult query(InfluxDB influx, String database, String influxQl) {
        QueryResult result = influx.query(new Query(influxQl, database));
        String error = result.getError();
        if (error == null && result.getResults() != null) {
            for (QueryResult.Result r : result.getResults()) if (r.getError() != null) error = r.getError();
        }
        if (error != null) throw new IllegalStateException(influxQl + ": " + error);
        return result;
    }

    /** Every series of a query's results (none when it matched nothing). */
    public static List<QueryResult.Series> series(QueryResult result) {
        List<QueryResult.Series> out = new ArrayList<>();
        if (result.getResults() == null) return out;
        for (QueryResult.Result r : result.getResults()) if (r.getSeries() != null) out.addAll(r.getSeries());
        return out;
    }
}
