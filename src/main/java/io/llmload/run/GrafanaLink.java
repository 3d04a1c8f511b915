package io.llmload.run;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The link to a run on the llmload overview dashboard (grafana/dashboards/llmload-overview.json). */
public final class GrafanaLink {

    public static final String OVERVIEW_UID = "llmload-overview";

    private GrafanaLink() {
    }

    public static String forRun(String grafanaUrl, String simulation, String runId, Instant from, Instant to) {
        String base = grafanaUrl.endsWith("/") ? grafanaUrl.substring(0, grafanaUrl.length() - 1) : grafanaUrl;
        return base + "/d/" + OVERVIEW_UID + "/llmload-overview?var-simulation=" + encode(simulation)
                + "&var-run_id=" + encode(runId) + "&from=" + from.toEpochMilli() + "&to=" + (to.toEpochMilli() + 1000);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
