package io.llmload.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * End-of-run output: the console table, and llm-summary.json / llm-summary.md / llm-slo-junit.xml
 * beside Gatling's HTML report (its run folder under target/gatling), with the JUnit file also
 * copied to target/llmload/slo-results/ where CI picks it up.
 */
public final class RunReport {

    public static final String SUMMARY_JSON = "llm-summary.json";
    public static final String SUMMARY_MD = "llm-summary.md";
    public static final String SLO_JUNIT = "llm-slo-junit.xml";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {
    }

    public static Path write(String simulation, Map<String, Object> runInfo, LlmMetrics metrics, String request,
                             List<Integer> levels, List<SloResult> slos) {
        return write(simulation, runInfo, metrics, List.of(request), levels, slos);
    }

    /** Several request names (a mixed workload): the first is the summary's main table, the others follow. */
    public static Path write(String simulation, Map<String, Object> runInfo, LlmMetrics metrics, List<String> requests,
                             List<Integer> levels, List<SloResult> slos) {
        Map<String, Object> summary = summary(runInfo, metrics, requests, levels, slos);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> others = (List<Map<String, Object>>) summary.getOrDefault("other_requests", List.of());
        System.out.println();
        System.out.println("================ llmload: " + simulation + " (" + requests.get(0) + ") ================");
        System.out.print(ConsoleTable.render(summary));
        for (Map<String, Object> o : others) {
            System.out.println("---- " + o.get("request"));
            System.out.print(ConsoleTable.render(o));
        }
        for (String notice : Notices.lines(summary)) System.out.println("  WARNING " + notice);
        for (SloResult r : slos) System.out.println((r.passed() ? "  PASS  " : "  FAIL  ") + r.message());
        Path dir = reportDirectory(simulation);
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(SUMMARY_JSON).toFile(), summary);
            Files.writeString(dir.resolve(SUMMARY_MD), MarkdownSummary.render(summary), StandardCharsets.UTF_8);
            String junit = JUnitSloReport.render(simulation, slos);
            Files.writeString(dir.resolve(SLO_JUNIT), junit, StandardCharsets.UTF_8);
            Path ci = Path.of("target", "llmload", "slo-results");
            Files.createDirectories(ci);
            Files.writeString(ci.resolve("TEST-llmload-slo-" + simulation + ".xml"), junit, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the LLM summary to " + dir, e);
        }
        System.out.println("  LLM summary: " + dir.resolve(SUMMARY_MD).toAbsolutePath());
        System.out.println("================================================================");
        return dir;
    }

    /** The summary of llm-summary.json: the first request's, with the others under {@code other_requests}. */
    static Map<String, Object> summary(Map<String, Object> runInfo, LlmMetrics metrics, List<String> requests,
                                       List<Integer> levels, List<SloResult> slos) {
        Map<String, Object> summary = SummaryModel.build(runInfo, metrics, requests.get(0), levels, slos);
        List<Map<String, Object>> others = new java.util.ArrayList<>();
        for (String other : requests.subList(1, requests.size())) {
            Map<String, Object> o = SummaryModel.build(Map.of(), metrics, other, levels, List.of());
            o.remove("slos");
            others.add(o);
        }
        if (!others.isEmpty()) summary.put("other_requests", others);
        return summary;
    }

    /** Gatling's run folder for this simulation (the newest target/gatling/<simulation>-<timestamp>). */
    static Path reportDirectory(String simulation) {
        Path results = Path.of(System.getProperty("llmload.results-dir", "target/gatling"));
        String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
        if (Files.isDirectory(results)) {
            try (Stream<Path> dirs = Files.list(results)) {
                var newest = dirs.filter(Files::isDirectory)
                        .filter(p -> p.getFileName().toString().startsWith(prefix))
                        .max(Comparator.comparingLong(p -> p.toFile().lastModified()));
                if (newest.isPresent()) return newest.get();
            } catch (IOException ignored) {
                // fall through to our own folder
            }
        }
        return Path.of("target", "llmload", simulation.toLowerCase(Locale.ROOT) + "-" + System.currentTimeMillis());
    }
}
