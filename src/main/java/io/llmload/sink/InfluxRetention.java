package io.llmload.sink;

import io.llmload.config.ConfigError;
import io.llmload.config.InfluxSettings;
import io.llmload.config.Keys;
import io.llmload.config.LlmloadConfig;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.dto.QueryResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounds what a nightly soak keeps in InfluxDB: raw points (every request, every second) go into the
 * retention policy {@value #RAW}, the database's default, kept {@code influx.retention.raw-duration};
 * continuous queries roll them up every hour into {@value #TRENDS} (kept
 * {@code influx.retention.trends-duration}) for the trend dashboard: per run and hour, requests,
 * latency and TTFT p95, output tokens; each run's end (SLO and regression failures, alerts fired);
 * the alerts that fired. Idempotent: run it once per database, again after changing the durations.
 * <pre>scripts/influx-retention.sh -Dinflux.url=http://influx:8086 [--backfill]</pre>
 */
public final class InfluxRetention {

    public static final String RAW = "raw";
    public static final String TRENDS = "trends";

    /** Each continuous query's SELECT ... INTO, without its GROUP BY time (the CQ adds it). */
    private static List<String[]> rollups(String db) {
        String raw = "\"" + db + "\".\"" + RAW + "\".";
        String trends = "\"" + db + "\".\"" + TRENDS + "\".";
        return List.of(
                new String[]{"llmload_request_1h", "SELECT count(\"latency_ms\") AS requests, percentile(\"latency_ms\", 95) AS latency_p95_ms, "
                        + "percentile(\"ttft_ms\", 95) AS ttft_p95_ms, sum(\"completion_tokens\") AS completion_tokens INTO " + trends
                        + "\"llmload_request_1h\" FROM " + raw + "\"llmload_request\"", "\"simulation\", \"run_id\", \"target\", \"status\", \"level\""},
                new String[]{"llmload_run_1h", "SELECT last(\"slo_failures\") AS slo_failures, last(\"regression_failures\") AS regression_failures, "
                        + "last(\"alerts_fired\") AS alerts_fired, last(\"requests\") AS requests INTO " + trends + "\"llmload_run_1h\" FROM "
                        + raw + "\"llmload_run\" WHERE \"event\" = 'end'", "\"simulation\", \"run_id\", \"target\""},
                new String[]{"llmload_alert_1h", "SELECT count(\"firing\") AS fired INTO " + trends + "\"llmload_alert_1h\" FROM "
                        + raw + "\"llmload_alert\" WHERE \"state\" = 'firing'", "\"simulation\", \"run_id\", \"target\", \"alert\""});
    }

    private InfluxRetention() {
    }

    public static void main(String[] args) {
        try {
            LlmloadConfig config = LlmloadConfig.load();
            InfluxSettings influx = InfluxSettings.from(config.section("influx"));
            List<String> done = apply(influx, config.section("influx.retention"));
            done.forEach(statement -> System.out.println("  " + statement));
            if (args.length > 0 && args[0].equals("--backfill")) {
                backfill(influx, config.section("influx.retention").string("raw-duration"));
                System.out.println("backfilled the trends from the raw points");
            }
        } catch (ConfigError e) {
            System.err.println("llmload config error: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("llmload: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Creates or alters the two retention policies and (re)creates the continuous queries; returns the statements run. */
    public static List<String> apply(InfluxSettings influx, Keys retention) {
        String db = influx.database();
        String raw = retention.string("raw-duration");
        String trends = retention.string("trends-duration");
        List<String> statements = new ArrayList<>();
        statements.add("CREATE DATABASE \"" + db + "\"");
        try (InfluxDB client = connect(influx)) {
            InfluxClients.query(client, db, statements.get(0));
            boolean hasRaw = false;
            boolean hasTrends = false;
            for (List<Object> row : rows(InfluxClients.query(client, db, "SHOW RETENTION POLICIES ON \"" + db + "\""))) {
                hasRaw |= RAW.equals(row.get(0));
                hasTrends |= TRENDS.equals(row.get(0));
            }
            statements.add((hasRaw ? "ALTER" : "CREATE") + " RETENTION POLICY \"" + RAW + "\" ON \"" + db + "\" DURATION " + raw + " REPLICATION 1 DEFAULT");
            statements.add((hasTrends ? "ALTER" : "CREATE") + " RETENTION POLICY \"" + TRENDS + "\" ON \"" + db + "\" DURATION " + trends + " REPLICATION 1");
            for (String[] rollup : rollups(db)) {
                statements.add("DROP CONTINUOUS QUERY \"" + rollup[0] + "\" ON \"" + db + "\"");
                statements.add("CREATE CONTINUOUS QUERY \"" + rollup[0] + "\" ON \"" + db + "\" BEGIN " + rollup[1]
                        + " GROUP BY time(1h), " + rollup[2] + " END");
            }
            for (String statement : statements.subList(1, statements.size())) {
                try {
                    InfluxClients.query(client, db, statement);
                } catch (IllegalStateException e) {
                    // dropping a continuous query that is not there yet is fine
                    if (!statement.startsWith("DROP")) throw e;
                }
            }
        }
        return statements;
    }

    /** Runs every roll-up once over the raw points still kept (a new database, or trends after a change). */
    public static void backfill(InfluxSettings influx, String rawDuration) {
        try (InfluxDB client = connect(influx)) {
            for (String[] rollup : rollups(influx.database())) {
                String select = rollup[1];
                String where = select.contains(" WHERE ") ? " AND " : " WHERE ";
                InfluxClients.query(client, influx.database(), select + where + "time > now() - " + rawDuration + " GROUP BY time(1h), " + rollup[2]);
            }
        }
    }

    private static InfluxDB connect(InfluxSettings influx) {
        return InfluxClients.connect(influx, new OkHttpClient.Builder());
    }

    private static List<List<Object>> rows(QueryResult result) {
        List<List<Object>> out = new ArrayList<>();
        for (QueryResult.Series s : InfluxClients.series(result)) out.addAll(s.getValues());
        return out;
    }
}
