package io.llmload.compare;

import io.llmload.config.InfluxSettings;
import io.llmload.sink.InfluxClients;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.dto.QueryResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The median of the last N passing nights of the same simulation against the same target, read from
 * InfluxDB: the runs whose {@code end} event says no SLO failed, newest first, tonight's excluded.
 * Each night's figure is computed by InfluxQL from its request points (warm-up excluded; output
 * tokens/s over the first start to the last end; TPOT is not in the points and is not compared).
 */
final class NightsBaseline {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String LOOKBACK = "90d";

    private NightsBaseline() {
    }

    static ValueBaseline load(InfluxSettings settings, String simulation, String target, String tonight, int nights,
                              String request, List<RegressionRule> rules) {
        OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(TIMEOUT).readTimeout(TIMEOUT);
        try (InfluxDB influx = InfluxClients.connect(settings, http)) {
            String runs = "\"simulation\" = '" + quote(simulation) + "' AND \"target\" = '" + quote(target) + "'";
            List<String> passing = new ArrayList<>();
            QueryResult ends = InfluxClients.query(influx, settings.database(), "SELECT last(\"slo_failures\") FROM \"llmload_run\" WHERE " + runs
                    + " AND \"event\" = 'end' AND time > now() - " + LOOKBACK + " GROUP BY \"run_id\"");
            List<Object[]> byTime = new ArrayList<>();
            for (QueryResult.Series s : InfluxClients.series(ends)) {
                List<Object> row = s.getValues().get(0);
                String runId = s.getTags().get("run_id");
                if (!runId.equals(tonight) && row.get(1) instanceof Number n && n.doubleValue() == 0) byTime.add(new Object[]{row.get(0), runId});
            }
            byTime.sort((a, b) -> ((String) b[0]).compareTo((String) a[0]));
            for (int i = 0; i < Math.min(nights, byTime.size()); i++) passing.add((String) byTime.get(i)[1]);
            Map<String, ValueBaseline.Figure> figures = new LinkedHashMap<>();
            for (RegressionRule rule : rules) {
                double[] values = passing.stream().mapToDouble(run -> figure(influx, settings.database(), runs, run, request, rule))
                        .filter(v -> !Double.isNaN(v)).toArray();
                if (values.length == 0) continue;
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
                figures.put(rule.name(), new ValueBaseline.Figure(median, sorted[0], sorted[sorted.length - 1], sorted.length));
            }
            return new ValueBaseline(figures, "median of the last " + passing.size() + " passing nights of " + simulation + " against "
                    + target + " in InfluxDB " + settings.url() + (passing.isEmpty() ? "" : " (" + String.join(", ", passing) + ")"));
        }
    }

    private static double figure(InfluxDB influx, String db, String runs, String runId, String request, RegressionRule rule) {
        String where = " FROM \"llmload_request\" WHERE " + runs + " AND \"run_id\" = '" + quote(runId) + "' AND \"request\" = '" + quote(request)
                + "' AND \"warm_up\" != 'true'" + (rule.atLevel() ? " AND \"level\" = '" + rule.level() + "'" : "");
        return switch (rule.metric()) {
            case SUCCESS_RATE -> {
                double all = single(influx, db, "SELECT count(\"latency_ms\")" + where);
                yield all == 0 ? Double.NaN : 100 * single(influx, db, "SELECT count(\"latency_ms\")" + where + " AND \"status\" = 'ok'") / all;
            }
            case OUTPUT_TOKENS_PER_SECOND -> {
                // the window as the summary's: first request's start to the last one's end
                List<QueryResult.Series> first = InfluxClients.series(InfluxClients.query(influx, db, "SELECT first(\"latency_ms\")" + where));
                List<QueryResult.Series> last = InfluxClients.series(InfluxClients.query(influx, db, "SELECT last(\"latency_ms\")" + where));
                if (first.isEmpty() || last.isEmpty()) yield Double.NaN;
                long start = Instant.parse((String) first.get(0).getValues().get(0).get(0)).toEpochMilli();
                List<Object> lastRow = last.get(0).getValues().get(0);
                double end = Instant.parse((String) lastRow.get(0)).toEpochMilli() + ((Number) lastRow.get(1)).doubleValue();
                yield single(influx, db, "SELECT sum(\"completion_tokens\")" + where + " AND \"status\" = 'ok'") / (Math.max(1, end - start) / 1000.0);
            }
            case TPOT -> Double.NaN;
            default -> single(influx, db, "SELECT percentile(\"" + influxField(rule.metric()) + "\", " + rule.percentile() + ")" + where
                    + " AND \"status\" = 'ok'");
        };
    }

    private static String influxField(RegressionRule.Metric metric) {
        return switch (metric) {
            case LATENCY -> "latency_ms";
            case TTFT -> "ttft_ms";
            case QUEUE -> "queue_ms";
            case EXECUTION -> "exec_ms";
            default -> throw new IllegalArgumentException(metric.key());
        };
    }

    private static double single(InfluxDB influx, String db, String influxQl) {
        List<QueryResult.Series> s = InfluxClients.series(InfluxClients.query(influx, db, influxQl));
        if (s.isEmpty()) return Double.NaN;
        Object v = s.get(0).getValues().get(0).get(1);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }
}
