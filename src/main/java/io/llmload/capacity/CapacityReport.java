package io.llmload.capacity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.metrics.Numbers;
import io.llmload.report.RunFacts;
import io.llmload.report.RunReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** capacity-search.{json,md,html}: the steps of every repeat, the capacity found and its spread, and charts. */
public final class CapacityReport {

    public static final String JSON_FILE = "capacity-search.json";
    public static final String MD_FILE = "capacity-search.md";
    public static final String HTML_FILE = "capacity-search.html";

    private CapacityReport() {
    }

    /** capacity-search.{json,md,html} beside the run's summary. */
    public static void write(Path dir, RunFacts facts, CapacitySection section, CapacityResult result) {
        ObjectNode doc = RunReport.json(facts, section);
        String md = markdown(facts.simulation(), result);
        System.out.print(md);
        try {
            Files.createDirectories(dir);
            RunReport.JSON.writeValue(dir.resolve(JSON_FILE).toFile(), doc);
            Files.writeString(dir.resolve(MD_FILE), md, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(HTML_FILE), CapacityCharts.html(facts, result, md), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the capacity report to " + dir, e);
        }
        System.out.println("  Capacity report: " + dir.resolve(HTML_FILE).toAbsolutePath());
    }

    static String markdown(String simulation, CapacityResult result) {
        StringBuilder md = new StringBuilder("\n# Capacity search — ").append(simulation).append("\n\n");
        md.append("A step passes when its successful requests meet ").append(result.criterion().description())
          .append(" and ≥ ").append(Numbers.compact(result.minSuccessPercent())).append(" % of its requests succeeded")
          .append(result.minGoodputPercent() > 0 ? " and ≥ " + Numbers.compact(result.minGoodputPercent()) + " % met the goodput criteria" : "")
          .append(". ");
        for (int i = 0; i < result.capacities().size(); i++) {
            md.append("Repeat ").append(i + 1).append(": **").append(result.capacities().get(i)).append("**")
              .append(result.crossed().get(i) ? "" : " (never crossed: at least this)").append(". ");
        }
        md.append("\nCapacity over ").append(result.capacities().size()).append(" repeat(s): min ").append(result.minCapacity())
          .append(", max ").append(result.maxCapacity()).append(", mean ").append(Numbers.compact(result.meanCapacity())).append(".\n\n");
        md.append("| repeat | ").append(result.levelUnit()).append(" | step | requests | ok % | p50 ms | p95 ms | p99 ms | req/s | out tok/s | server | verdict |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (List<StepResult> repeat : result.repeats()) {
            for (StepResult s : repeat) {
                md.append("| ").append(s.repeat()).append(" | ").append(s.level()).append(" | ")
                  .append(s.refinement() ? "refine" : "ladder").append(" | ").append(s.requests()).append(" | ")
                  .append(Numbers.compact(s.successPercent())).append(" | ").append(Numbers.compact(s.p50Millis())).append(" | ")
                  .append(Numbers.compact(s.p95Millis())).append(" | ").append(Numbers.compact(s.p99Millis())).append(" | ")
                  .append(Numbers.compact(s.requestsPerSecond())).append(" | ").append(Numbers.compact(s.outputTokensPerSecond())).append(" | ")
                  .append(server(s.serverMetrics())).append(" | ").append(s.passed() ? "PASS" : "FAIL (" + s.failedBy() + ")").append(" |\n");
            }
        }
        return md.toString();
    }

    private static String server(Map<String, Double> metrics) {
        if (metrics.isEmpty()) return "-";
        List<String> parts = new ArrayList<>();
        metrics.forEach((k, v) -> {
            if (k.endsWith("_mean")) parts.add(k.substring(0, k.length() - 5) + " " + Numbers.compact(v));
        });
        return String.join(", ", parts);
    }
}
