package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import io.llmload.config.LlmloadConfig;
import io.llmload.metrics.SloSpec;
import io.llmload.simulations.NewsCategorizationSimulation;
import io.llmload.simulations.RunPodRampSimulation;
import io.llmload.sink.InfluxServer;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards against real data: after a news run and a RunPod run streamed into a real
 * influxd, every panel's InfluxQL (variables substituted for one of the runs) executes and returns
 * data; every dashboard is valid Grafana JSON whose datasource references resolve.
 */
class GrafanaDashboardsIT {

    private static final Path DASHBOARDS = Path.of("grafana", "dashboards");
    private static final Path DATASOURCES = Path.of("grafana", "provisioning", "datasources");
    private static final Path ALERT_RULES = Path.of("grafana", "provisioning", "alerting", "llmload-alert-rules.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(String simulation, String runId, String target) {
    }

    @Test
    void everyPanelQueryReturnsDataForARealRunAndEveryDashboardIsValid() throws Exception {
        Set<String> datasourceUids = provisionedDatasourceUids();
        assertThat(datasourceUids).isNotEmpty();
        List<Run> runs = new ArrayList<>();
        HttpServer gpu = DcgmStandIn.start(70);
        try (InfluxServer influx = InfluxServer.start()) {
            // the retention policies and roll-ups of scripts/influx-retention.sh, as a nightly database has them
            InfluxRetentionIT.applyRetention(influx);
            Map<String, String> sink = Map.of("influx.enabled", "true", "influx.url", influx.url(), "influx.flush-interval", "200ms");
            Map<String, String> news = new HashMap<>(sink);
            news.putAll(Map.of("news.levels", "2,3", "news.slo-level", "3", "news.hold-time", "2s", "news.max-tokens", "20", "news.validate-json-answer", "false",
                    "emulator.decode-step-base", "2ms", "emulator.faults.error-rate", "0.1"));
            // judged often enough for the injected errors to raise live alerts (the alert annotation's data)
            news.putAll(Map.of("alerts.interval", "500ms", "alerts.window", "1s", "alerts.min-requests", "2", "abort.max-error-share", "100",
                    "server-metrics.interval", "500ms", "server-metrics.dcgm-url", DcgmStandIn.url(gpu)));
            runs.add(new Run("NewsCategorizationSimulation", RunResult.of(NewsCategorizationSimulation.class, news).summary().get("run_id").asText(), "embedded"));
            Map<String, String> runpod = new HashMap<>(sink);
            runpod.putAll(Map.of("emulator.runpod.decode-step", "2ms", "emulator.runpod.dispatch-delay", "20ms",
                    "runpod.health-poll-interval", "100ms", "runpod.ramp.levels", "2", "runpod.ramp.jobs-per-level", "8"));
            runs.add(new Run("RunPodRampSimulation", RunResult.of(RunPodRampSimulation.class, runpod).summary().get("run_id").asText(), "embedded"));

            InfluxRetentionIT.backfill(influx);
            List<Path> files;
            try (Stream<Path> list = Files.list(DASHBOARDS)) {
                files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                    "llmload-overview.json", "llmload-llm.json", "llmload-runpod.json", "llmload-capacity.json", "llmload-soak-trends.json");
            Set<String> uids = new HashSet<>();
            for (Path file : files) {
                JsonNode d = JSON.readTree(file.toFile());
                assertThat(uids.add(d.get("uid").asText())).as("unique uid %s", file).isTrue();
                assertValidDashboard(file, d, datasourceUids);
                for (JsonNode variable : d.at("/templating/list")) {
                    assertThat(rows(influx, substitute(variable.get("query").asText(), runs.get(0))))
                            .as("%s variable %s", file, variable.get("name")).isNotEmpty();
                }
                for (JsonNode annotation : d.at("/annotations/list")) {
                    if (annotation.has("query")) {
                        assertThat(rows(influx, substitute(annotation.get("query").asText(), runs.get(0))))
                                .as("%s annotation", file).isNotEmpty();
                    }
                }
                for (JsonNode panel : d.get("panels")) {
                    assertThat(panelHasDataForSomeRun(influx, panel, runs))
                            .as("%s panel '%s' returns data for one of %s", file.getFileName(), panel.get("title").asText(), runs)
                            .isTrue();
                }
            }
            assertAlertRulesQueryRealData(influx, datasourceUids, runs);
        } finally {
            gpu.stop(0);
        }
        assertThat(thresholdValues("llmload-runpod.json")).contains(5000.0, 2000.0, 8000.0, 1.0);
        assertThat(thresholdValues("llmload-capacity.json")).contains(3810.0);
        assertThat(thresholdValues("llmload-overview.json")).contains(4000.0, 6000.0, 95.0, 90.0);
        assertThat(thresholdValues("llmload-llm.json")).contains(85.0, 92.0, 50.0, 100.0);
    }

    /**
     * The provisioned Grafana alert rules: each queries the provisioned datasource, its InfluxQL runs on
     * the real influxd and returns data for one of the runs, and the bands are those of llmload.conf's alerts.
     */
    private static void assertAlertRulesQueryRealData(InfluxServer influx, Set<String> datasourceUids, List<Run> runs) throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(ALERT_RULES.toFile());
        assertThat(doc.get("apiVersion").asInt()).isEqualTo(1);
        Map<String, Set<Double>> limits = new HashMap<>();
        for (JsonNode group : doc.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                String title = rule.get("title").asText();
                JsonNode query = rule.get("data").get(0);
                assertThat(query.get("datasourceUid").asText()).as(title).isIn(datasourceUids);
                assertThat(rule.get("condition").asText()).isEqualTo("C");
                String influxQl = query.at("/model/query").asText().replace("$timeFilter", "time > now() - 1h");
                assertThat(hasValues(influx, influxQl)).as("alert rule '%s' returns data: %s", title, influxQl).isTrue();
                JsonNode threshold = rule.get("data").get(2).at("/model/conditions/0/evaluator");
                assertThat(threshold.get("type").asText()).isIn("gt", "lt");
                limits.computeIfAbsent(rule.at("/labels/workload").asText(), k -> new HashSet<>()).add(threshold.at("/params/0").asDouble());
            }
        }
        assertThat(runs).isNotEmpty();
        LlmloadConfig config = LlmloadConfig.load(ConfigFactory.empty());
        for (String workload : List.of("news", "runpod")) {
            Set<Double> configured = new HashSet<>();
            for (SloSpec band : SloSpec.parseAll(config.section("alerts." + workload))) configured.add(band.max() != null ? band.max() : band.min());
            // the RunPod failure band is "success >= 99 %" in llmload.conf and "failures > 1 %" in Grafana
            if (workload.equals("runpod")) configured = configured.stream().map(v -> v == 99.0 ? 1.0 : v).collect(Collectors.toSet());
            assertThat(limits.get(workload)).as("%s bands in Grafana and llmload.conf", workload).isEqualTo(configured);
        }
    }

    private static void assertValidDashboard(Path file, JsonNode d, Set<String> datasourceUids) {
        assertThat(d.get("schemaVersion").isInt()).as("%s schemaVersion", file).isTrue();
        assertThat(d.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(d.get("title").asText()).isNotBlank();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : d.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("%s: unique panel id %s", file, panel.get("id")).isTrue();
            JsonNode grid = panel.get("gridPos");
            assertThat(grid.get("x").asInt() + grid.get("w").asInt()).as("%s panel fits 24 columns", file).isLessThanOrEqualTo(24);
            assertThat(panel.at("/datasource/uid").asText()).isIn(datasourceUids);
            assertThat(panel.get("targets")).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.at("/datasource/uid").asText()).as("%s target datasource", file).isIn(datasourceUids);
                assertThat(target.get("rawQuery").asBoolean()).isTrue();
            }
        }
        for (JsonNode variable : d.at("/templating/list")) {
            assertThat(variable.at("/datasource/uid").asText()).isIn(datasourceUids);
        }
        assertThat(d.at("/templating/list").findValuesAsText("name")).contains("simulation", "run_id", "target");
    }

    private static boolean panelHasDataForSomeRun(InfluxServer influx, JsonNode panel, List<Run> runs) {
        for (Run run : runs) {
            boolean all = true;
            for (JsonNode target : panel.get("targets")) {
                if (!hasValues(influx, substitute(target.get("query").asText(), run))) {
                    all = false;
                    break;
                }
            }
            if (all) return true;
        }
        return false;
    }

    /** Grafana's substitutions: the time filter, the interval, and the run's variables (regex-quoted). */
    static String substitute(String query, Run run) {
        return query.replace("$timeFilter", "time > now() - 1h")
                .replace("$__interval", "1s")
                .replace("$simulation", Pattern.quote(run.simulation()).replace("/", "\\/"))
                .replace("$run_id", run.runId().replace("-", "\\-"))
                .replace("$target", run.target());
    }

    private static boolean hasValues(InfluxServer influx, String query) {
        for (List<Object> row : rows(influx, query)) {
            for (int i = 1; i < row.size(); i++) if (row.get(i) != null) return true;
        }
        return false;
    }

    private static List<List<Object>> rows(InfluxServer influx, String query) {
        QueryResult result = influx.query("llmload", query);
        List<List<Object>> out = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.getSeries() == null) continue;
            for (QueryResult.Series s : r.getSeries()) out.addAll(s.getValues());
        }
        return out;
    }

    private static Set<String> provisionedDatasourceUids() throws Exception {
        Set<String> uids = new HashSet<>();
        Pattern uid = Pattern.compile("(?m)^\\s*uid:\\s*(\\S+)\\s*$");
        try (Stream<Path> files = Files.list(DATASOURCES)) {
            for (Path file : files.toList()) {
                Matcher m = uid.matcher(Files.readString(file));
                while (m.find()) uids.add(m.group(1));
            }
        }
        return uids;
    }

    private static List<Double> thresholdValues(String dashboard) throws Exception {
        JsonNode d = JSON.readTree(DASHBOARDS.resolve(dashboard).toFile());
        List<Double> out = new ArrayList<>();
        for (JsonNode step : d.findValues("steps")) {
            for (JsonNode s : step) if (s.hasNonNull("value")) out.add(s.get("value").asDouble());
        }
        return out;
    }
}
