package io.llmload.it;

import com.typesafe.config.ConfigFactory;
import io.llmload.config.InfluxSettings;
import io.llmload.config.LlmloadConfig;
import io.llmload.simulations.NewsCategorizationSimulation;
import io.llmload.sink.InfluxRetention;
import io.llmload.sink.InfluxServer;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention policies and continuous queries of scripts/influx-retention.sh, on the real influxd. */
class InfluxRetentionIT {

    static LlmloadConfig config(InfluxServer influx) {
        return LlmloadConfig.load(ConfigFactory.parseMap(Map.of("influx.url", influx.url(), "influx.retention.raw-duration", "14d")));
    }

    static void applyRetention(InfluxServer influx) {
        LlmloadConfig config = config(influx);
        InfluxRetention.apply(InfluxSettings.from(config.section("influx")), config.section("influx.retention"));
    }

    static void backfill(InfluxServer influx) {
        InfluxRetention.backfill(InfluxSettings.from(config(influx).section("influx")), "14d");
    }

    private static List<List<Object>> rows(InfluxServer influx, String query) {
        List<List<Object>> out = new ArrayList<>();
        for (QueryResult.Result r : influx.query("llmload", query).getResults()) {
            if (r.getSeries() != null) for (QueryResult.Series s : r.getSeries()) out.addAll(s.getValues());
        }
        return out;
    }

    @Test
    void rawPointsGoToABoundedDefaultPolicyAndHourlyRollUpsToTrends() throws Exception {
        try (InfluxServer influx = InfluxServer.start()) {
            applyRetention(influx);
            applyRetention(influx);
            List<List<Object>> policies = rows(influx, "SHOW RETENTION POLICIES ON \"llmload\"");
            assertThat(policies).anySatisfy(p -> {
                assertThat(p.get(0)).isEqualTo("raw");
                assertThat(p.get(1)).isEqualTo("336h0m0s");
                assertThat(p.get(4)).as("default").isEqualTo(true);
            });
            assertThat(policies).anySatisfy(p -> {
                assertThat(p.get(0)).isEqualTo("trends");
                assertThat(p.get(1)).as("kept for ever").isEqualTo("0s");
            });
            String cqs = rows(influx, "SHOW CONTINUOUS QUERIES").toString();
            assertThat(cqs).contains("llmload_request_1h", "llmload_run_1h", "llmload_alert_1h");

            RunResult run = RunResult.of(NewsCategorizationSimulation.class, Map.of("influx.enabled", "true", "influx.url", influx.url(),
                    "influx.flush-interval", "200ms", "news.levels", "3", "news.slo-level", "3", "news.hold-time", "2s",
                    "news.max-tokens", "20", "news.validate-json-answer", "false", "emulator.decode-step-base", "2ms"));
            String id = run.summary().get("run_id").asText();
            long requests = run.overall("categorise").requests() + run.section("warm_up").get("levels").get(0).get("requests").asLong();
            assertThat(influx.number("llmload", "SELECT count(\"latency_ms\") FROM \"raw\".\"llmload_request\" WHERE run_id = '" + id + "'"))
                    .as("written into the default policy, raw").isEqualTo(requests);
            backfill(influx);
            assertThat(influx.number("llmload", "SELECT sum(\"requests\") FROM \"trends\".\"llmload_request_1h\" WHERE run_id = '" + id + "'"))
                    .as("the hourly roll-up counts every request").isEqualTo(requests);
            assertThat(influx.number("llmload", "SELECT last(\"requests\") FROM \"trends\".\"llmload_run_1h\" WHERE run_id = '" + id + "'"))
                    .as("the run's end event").isEqualTo(run.overall("categorise").requests());
            assertThat(rows(influx, "SELECT last(\"slo_failures\"), last(\"regression_failures\") FROM \"trends\".\"llmload_run_1h\" WHERE run_id = '" + id + "'")
                    .get(0).subList(1, 3)).containsExactly(0.0, 0.0);
        }
    }
}
