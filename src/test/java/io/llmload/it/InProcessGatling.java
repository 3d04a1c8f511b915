package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.app.Gatling$;
import io.gatling.shared.cli.GatlingCliOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a real Gatling simulation in this JVM with -D overrides, as `mvn gatling:test -D...` would. */
final class InProcessGatling {

    static final Path RESULTS = Path.of("target", "gatling-it");

    private InProcessGatling() {
    }

    /** Returns Gatling's exit code: 0 success, 2 assertions (SLOs) failed. */
    static int run(Class<?> simulation, Map<String, String> overrides) {
        return run(simulation, overrides, false);
    }

    /** @param reports whether Gatling also writes its HTML report (index.html) */
    static synchronized int run(Class<?> simulation, Map<String, String> overrides, boolean reports) {
        Map<String, String> all = new HashMap<>(overrides);
        all.put("llmload.results-dir", RESULTS.toString());
        all.forEach(System::setProperty);
        try {
            List<String> args = new ArrayList<>(List.of(
                    GatlingCliOptions.Simulation.longOption(), simulation.getName(),
                    GatlingCliOptions.ResultsFolder.longOption(), RESULTS.toString()));
            if (!reports) args.add(GatlingCliOptions.NoReports.longOption());
            return Gatling$.MODULE$.fromArgs(args.toArray(String[]::new));
        } finally {
            all.keySet().forEach(System::clearProperty);
        }
    }

    /** {@code base} with {@code extra} on top. */
    static Map<String, String> overrides(Map<String, String> base, Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(base);
        all.putAll(extra);
        return all;
    }

    static List<JsonNode> requests(Path reportDirectory) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(reportDirectory.resolve("llm-requests.jsonl"))) {
            out.add(json.readTree(line));
        }
        return out;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
