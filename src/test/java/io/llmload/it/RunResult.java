package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.report.RunReport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real Gatling run in this JVM, as a user would make it, and what it wrote: the exit code, the
 * wall time, the console, and the files (llm-summary.json, llm-requests.jsonl, Gatling's report),
 * read back for the assertions. A run keeps no state a test could reach otherwise.
 */
record RunResult(int exit, long elapsedMillis, String console, Path reportDirectory, JsonNode summary) {

    static final String CANARY_VARIABLE = "LLMLOAD_CANARY_KEY";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Everything every run printed, for the canary checks at the end of a test class. */
    static final ByteArrayOutputStream ALL_CONSOLE = new ByteArrayOutputStream();

    /** Runs the simulation with Gatling's HTML report off (as most tests need). */
    static RunResult of(Class<?> simulation, Map<String, String> overrides) {
        return of(simulation, overrides, false);
    }

    /** @param reports whether Gatling also writes its HTML report (index.html) */
    static RunResult of(Class<?> simulation, Map<String, String> overrides, boolean reports) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, console), true));
        System.setErr(new PrintStream(new Tee(err, console), true));
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        int exit;
        try {
            exit = InProcessGatling.run(simulation, overrides, reports);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        synchronized (ALL_CONSOLE) {
            ALL_CONSOLE.writeBytes(console.toByteArray());
        }
        Path dir = reportDirectory(simulation, startMillis);
        JsonNode summary = null;
        if (dir != null && Files.exists(dir.resolve(RunReport.SUMMARY_JSON))) {
            try {
                summary = JSON.readTree(dir.resolve(RunReport.SUMMARY_JSON).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RunResult(exit, elapsed, console.toString(StandardCharsets.UTF_8), dir, summary);
    }

    /** The run folder this run wrote (the newest of the simulation's, made after it started), or null. */
    private static Path reportDirectory(Class<?> simulation, long sinceMillis) {
        System.setProperty("llmload.results-dir", InProcessGatling.RESULTS.toString());
        try {
            Path dir = RunReport.reportDirectory(simulation.getSimpleName());
            return Files.isDirectory(dir) && dir.toFile().lastModified() >= sinceMillis - 1000 ? dir : null;
        } finally {
            System.clearProperty("llmload.results-dir");
        }
    }

    /** The overrides with the canary as the requests' API key: the emulator (embedded) accepts only it. */
    static Map<String, String> withCanary(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        all.putIfAbsent("target.api-key-env", CANARY_VARIABLE);
        all.putIfAbsent("emulator.api-key", canary());
        return all;
    }

    static String canary() {
        String canary = System.getenv(CANARY_VARIABLE);
        assertThat(canary).as("set by the surefire configuration in pom.xml").isNotBlank();
        return canary;
    }

    /** A request's figures at one level. */
    Level level(String request, int level) {
        for (JsonNode l : requestSummary(request).get("levels")) {
            // a named step (an open model's "4 req/s") keeps its number in "step"
            if (l.path("step").asInt(l.get("level").asInt()) == level) return new Level(l);
        }
        return new Level(JSON.createObjectNode().put("requests", 0));
    }

    /** A request's figures over the whole run. */
    Level overall(String request) {
        return new Level(requestSummary(request).get("overall"));
    }

    private JsonNode requestSummary(String request) {
        assertThat(summary).as("llm-summary.json of the run").isNotNull();
        if (request.equals(summary.get("request").asText())) return summary;
        for (JsonNode other : summary.path("other_requests")) {
            if (request.equals(other.get("request").asText())) return other;
        }
        throw new AssertionError("no request '" + request + "' in the summary");
    }

    /** The SLO verdicts, in the summary's order. */
    List<Slo> slos() {
        List<Slo> out = new ArrayList<>();
        for (JsonNode s : summary.get("slos")) {
            out.add(new Slo(s.get("name").asText(), s.get("passed").asBoolean(),
                    s.get("measured").isNull() ? Double.NaN : s.get("measured").asDouble(), s.get("unit").asText(), s.get("message").asText()));
        }
        return out;
    }

    /** A section of the summary (server_view, capacity, influx ...). */
    JsonNode section(String key) {
        return summary.get(key);
    }

    /** Every request of llm-requests.jsonl. */
    List<JsonNode> requests() throws IOException {
        return InProcessGatling.requests(reportDirectory);
    }

    /** A report file's text (Gatling's simulation.log is binary: read byte for byte). */
    String file(String name) throws IOException {
        return Files.readString(reportDirectory.resolve(name),
                name.equals("simulation.log") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** Every report a run writes is there, whatever the target did: llmload's and Gatling's. */
    void assertEveryReportWritten() throws IOException {
        for (String name : List.of("llm-summary.json", "llm-summary.md", "llm-slo-junit.xml", "llm-requests.jsonl",
                "simulation.log", "index.html")) {
            assertThat(reportDirectory.resolve(name)).as("%s in %s", name, reportDirectory).isRegularFile();
            assertThat(Files.size(reportDirectory.resolve(name))).as("%s is not empty", name).isPositive();
        }
    }

    /** Files written under the results folders since {@code millis}. */
    static List<Path> filesWrittenSince(long millis) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : List.of(InProcessGatling.RESULTS, Path.of("target", "llmload"))) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(p -> p.toFile().lastModified() >= millis).forEach(out::add);
            }
        }
        return out;
    }

    /** The canary key was sent with every request and is in no file and no line these runs wrote. */
    static void assertCanaryNowhere(long sinceMillis) throws IOException {
        String canary = canary();
        List<Path> written = filesWrittenSince(sinceMillis);
        assertThat(written).as("these runs wrote their reports").isNotEmpty();
        for (Path file : written) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("%s", file).doesNotContain(canary);
        }
        synchronized (ALL_CONSOLE) {
            assertThat(ALL_CONSOLE.toString(StandardCharsets.UTF_8)).as("console").doesNotContain(canary);
        }
    }

    record Slo(String name, boolean passed, double measured, String unit, String message) {
    }

    /** A level's figures as llm-summary.json has them (two decimals), under the recorder's names. */
    record Level(JsonNode json) {
        long requests() {
            return json.path("requests").asLong();
        }

        long ok() {
            return json.path("ok").asLong();
        }

        long ko() {
            return json.path("ko").asLong();
        }

        double successPercent() {
            return number("success_pct");
        }

        double goodputPercent() {
            return number("goodput_pct");
        }

        double requestsPerSecond() {
            return number("requests_per_s");
        }

        double windowSeconds() {
            return number("window_s");
        }

        double achievedConcurrency() {
            return json.path("load_fidelity").path("achieved_concurrency").asDouble(Double.NaN);
        }

        long outputTokens() {
            return json.path("output_tokens").asLong();
        }

        long promptTokens() {
            return json.path("prompt_tokens").asLong();
        }

        long usageReportedRequests() {
            return json.path("output_token_counts").path("requests_with_server_usage").asLong();
        }

        long usageOutputTokens() {
            return json.path("output_token_counts").path("server_output_tokens").asLong();
        }

        long clientOutputTokensWhereUsage() {
            return json.path("output_token_counts").path("client_counted_output_tokens").asLong();
        }

        Map<String, Long> failures() {
            return longs(json.path("failures"));
        }

        Map<String, Long> failuresByKind() {
            return longs(json.path("failures_by_kind"));
        }

        Map<String, Long> rejectedServerValues() {
            return longs(json.path("rejected_server_values"));
        }

        Map<Integer, Long> statuses() {
            Map<Integer, Long> out = new TreeMap<>();
            json.path("requests_by_status").fields().forEachRemaining(e -> out.put(Integer.valueOf(e.getKey()), e.getValue().asLong()));
            return out;
        }

        long notSent() {
            return json.path("not_sent").asLong();
        }

        long staleConnectionRetries() {
            return json.path("stale_connection_retries").asLong();
        }

        long truncatedPrompts() {
            return json.path("truncated_prompts").asLong();
        }

        String disturbed() {
            return json.path("disturbed").isNull() ? null : json.path("disturbed").asText(null);
        }

        Histogram e2e() {
            return new Histogram(json.path("latency_ms"));
        }

        Histogram ttft() {
            return new Histogram(json.path("ttft_ms"));
        }

        Histogram itl() {
            return new Histogram(json.path("itl_ms"));
        }

        Histogram tpot() {
            return new Histogram(json.path("tpot_ms"));
        }

        Histogram failedLatency() {
            return new Histogram(json.path("failed_latency_ms"));
        }

        Histogram queue() {
            return new Histogram(json.path("job_breakdown").path("queue_ms"));
        }

        Histogram execution() {
            return new Histogram(json.path("job_breakdown").path("execution_ms"));
        }

        Histogram overhead() {
            return new Histogram(json.path("job_breakdown").path("overhead_ms"));
        }

        double tokensPerExecutionSecond() {
            return json.path("job_breakdown").path("output_tokens_per_execution_s").asDouble(Double.NaN);
        }

        private double number(String field) {
            JsonNode v = json.path(field);
            return v.isNumber() ? v.asDouble() : Double.NaN;
        }

        private static Map<String, Long> longs(JsonNode object) {
            Map<String, Long> out = new TreeMap<>();
            object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
            return out;
        }
    }

    /** A latency distribution as the summary gives it: count, min, mean, p50, p90, p95, p99, max (ms). */
    record Histogram(JsonNode json) {
        long count() {
            return json.path("count").asLong();
        }

        double percentileMillis(double percentile) {
            String field = "p" + (percentile == Math.rint(percentile) ? String.valueOf((long) percentile) : String.valueOf(percentile));
            if (!json.has(field) && count() > 0) throw new IllegalArgumentException("the summary has no " + field);
            return value(field);
        }

        double minMillis() {
            return value("min");
        }

        double maxMillis() {
            return value("max");
        }

        double meanMillis() {
            return value("mean");
        }

        private double value(String field) {
            JsonNode v = json.path(field);
            return v.isNumber() ? v.asDouble() : Double.NaN;
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
