package io.llmload.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * End-of-run output: the console table, and llm-summary.json / llm-summary.md / llm-slo-junit.xml
 * beside Gatling's HTML report (its run folder under target/gatling), with the JUnit file also
 * copied to target/llmload/slo-results/ where CI picks it up.
 */
public final class RunReport {

    public static final String SUMMARY_JSON = "llm-summary.json";
    public static final String SUMMARY_MD = "llm-summary.md";
    /** The summary's JSON: the records' component names in snake_case ({@code requestsPerS} → {@code requests_per_s}). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {
    }

    /** The typed summary of a run: the first request's figures, the others', the SLOs, and the workload's sections. */
    public static Summary.Run summary(RunFacts facts, LlmMetrics metrics, List<String> requests, List<Integer> levels,
                                      List<SloResult> slos) {
        List<Summary.Request> others = new ArrayList<>();
        for (String other : requests.subList(1, requests.size())) others.add(SummaryModel.request(metrics, other, levels));
        return new Summary.Run(facts.simulation(), facts.runId(), facts.target(), facts.model(), facts.started(), facts.finished(),
                SummaryModel.request(metrics, requests.get(0), levels), others, SummaryModel.slos(slos), facts.sections());
    }

    /** llm-summary.json's tree: the run, its sections, the first request's figures, the SLOs, the other requests. */
    static ObjectNode json(Summary.Run run) {
        ObjectNode out = header(run.simulation(), run.runId(), run.target(), run.model(), run.started(), run.finished());
        run.sections().forEach((key, section) -> out.set(key, JSON.valueToTree(section)));
        out.setAll((ObjectNode) JSON.valueToTree(run.main()));
        out.set("slos", JSON.valueToTree(run.slos()));
        if (!run.others().isEmpty()) out.set("other_requests", JSON.valueToTree(run.others()));
        return out;
    }

    /** A workload's own report beside llm-summary.json (capacity-search.json ...): the run's header, then the section under its key. */
    public static ObjectNode json(RunFacts facts, Section section) {
        ObjectNode out = header(facts.simulation(), facts.runId(), facts.target(), facts.model(), facts.started(), facts.finished());
        out.set(section.key(), JSON.valueToTree(section));
        return out;
    }

    private static ObjectNode header(String simulation, String runId, String target, String model, String started, String finished) {
        ObjectNode out = JSON.createObjectNode();
        out.put("simulation", simulation);
        out.put("run_id", runId);
        out.put("target", target);
        out.put("model", model);
        out.put("started", started);
        out.put("finished", finished);
        return out;
    }

    /** Prints the summary and writes the report files into Gatling's run folder; returns the folder. */
    public static Path write(Summary.Run run, List<SloResult> slos) {
        return write(run, slos, reportDirectory(run.simulation()));
    }

    /** Prints the summary and writes the report files into {@code dir}; returns it. */
    public static Path write(Summary.Run run, List<SloResult> slos, Path dir) {
        System.out.println();
        System.out.println("================ llmload: " + run.simulation() + " (" + run.main().request() + ") ================");
        System.out.print(ConsoleTable.render(run.main()));
        for (Summary.Request other : run.others()) {
            System.out.println("---- " + other.request());
            System.out.print(ConsoleTable.render(other));
        }
        run.sections().values().forEach(section -> System.out.print(section.console()));
        for (String notice : Notices.lines(run)) System.out.println("  WARNING " + notice);
        for (SloResult r : slos) System.out.println((r.passed() ? "  PASS  " : "  FAIL  ") + r.message());
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(SUMMARY_JSON).toFile(), json(run));
            Files.writeString(dir.resolve(SUMMARY_MD), MarkdownSummary.render(run), StandardCharsets.UTF_8);
            writeJUnit(dir, "slo", run.simulation(), JUnitSloReport.render(run.simulation(), slos));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the LLM summary to " + dir, e);
        }
        System.out.println("  LLM summary: " + dir.resolve(SUMMARY_MD).toAbsolutePath());
        System.out.println("================================================================");
        return dir;
    }

    /**
     * Writes a JUnit file of verdicts ({@code kind} slo or regression) into the run's folder
     * ({@code llm-<kind>-junit.xml}) and for CI into {@code target/llmload/slo-results/TEST-llmload-<kind>-<simulation>.xml}.
     */
    public static void writeJUnit(Path dir, String kind, String simulation, String junit) {
        try {
            Files.writeString(dir.resolve("llm-" + kind + "-junit.xml"), junit, StandardCharsets.UTF_8);
            Path ci = Path.of("target", "llmload", "slo-results");
            Files.createDirectories(ci);
            Files.writeString(ci.resolve("TEST-llmload-" + kind + "-" + simulation + ".xml"), junit, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + kind + " JUnit file to " + dir, e);
        }
    }

    /**
     * Gatling's run folder for this simulation: the newest {@code <simulation>-<timestamp>} in
     * {@code llmload.results-dir} (target/gatling) made since this JVM started. A folder older than
     * that is another run's, left where Gatling wrote this one elsewhere (its {@code -rf}): this run's
     * files then go to target/llmload/ rather than over that run's.
     */
    public static Path reportDirectory(String simulation) {
        Instant jvmStart = ProcessHandle.current().info().startInstant().orElse(Instant.EPOCH);
        return reportDirectory(Path.of(System.getProperty("llmload.results-dir", "target/gatling")), simulation, jvmStart);
    }

    static Path reportDirectory(Path results, String simulation, Instant notBefore) {
        String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
        if (Files.isDirectory(results)) {
            try (Stream<Path> dirs = Files.list(results)) {
                var newest = dirs.filter(Files::isDirectory)
                        .filter(p -> p.getFileName().toString().startsWith(prefix))
                        .filter(p -> p.toFile().lastModified() >= notBefore.toEpochMilli())
                        .max(Comparator.comparingLong(p -> p.toFile().lastModified()));
                if (newest.isPresent()) return newest.get();
            } catch (IOException ignored) {
                // fall through to our own folder
            }
        }
        return Path.of("target", "llmload", simulation.toLowerCase(Locale.ROOT) + "-" + System.currentTimeMillis());
    }
}
