package io.llmload.capacity;

import io.llmload.metrics.Numbers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** capacity-search.{json,md,html}: the steps of every repeat, the capacity found and its spread, and charts. */
public final class CapacityReport {

    public static final String JSON_FILE = "capacity-search.json";
    public static final String MD_FILE = "capacity-search.md";
    public static final String HTML_FILE = "capacity-search.html";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CapacityReport() {
    }

    public static Map<String, Object> summary(CapacityResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p95_target_ms", result.p95TargetMillis());
        out.put("min_success_pct", result.minSuccessPercent());
        out.put("min_goodput_pct", result.minGoodputPercent() > 0 ? result.minGoodputPercent() : null);
        out.put("capacity_per_repeat", result.capacities());
        out.put("crossed_per_repeat", result.crossed());
        out.put("capacity_min", result.minCapacity());
        out.put("capacity_max", result.maxCapacity());
        out.put("capacity_mean", Numbers.round(result.meanCapacity()));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (List<StepResult> repeat : result.repeats()) {
            for (StepResult s : repeat) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("repeat", s.repeat());
                m.put("concurrency", s.level());
                m.put("refinement", s.refinement());
                m.put("requests", s.requests());
                m.put("success_pct", Numbers.round(s.successPercent()));
                m.put("goodput_pct", Numbers.round(s.goodputPercent()));
                m.put("p50_ms", Numbers.round(s.p50Millis()));
                m.put("p90_ms", Numbers.round(s.p90Millis()));
                m.put("p95_ms", Numbers.round(s.p95Millis()));
                m.put("p99_ms", Numbers.round(s.p99Millis()));
                m.put("max_ms", Numbers.round(s.maxMillis()));
                m.put("requests_per_s", Numbers.round(s.requestsPerSecond()));
                m.put("output_tokens_per_s", Numbers.round(s.outputTokensPerSecond()));
                m.put("passed", s.passed());
                m.put("failed_by", s.failedBy());
                m.put("server", s.serverMetrics());
                steps.add(m);
            }
        }
        out.put("steps", steps);
        return out;
    }

    public static void write(Path dir, Map<String, Object> runInfo, CapacityResult result) {
        Map<String, Object> doc = new LinkedHashMap<>(runInfo);
        doc.put("capacity", summary(result));
        String md = markdown(runInfo, result);
        System.out.print(md);
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(JSON_FILE).toFile(), doc);
            Files.writeString(dir.resolve(MD_FILE), md, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(HTML_FILE), CapacityCharts.html(runInfo, result, md), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the capacity report to " + dir, e);
        }
        System.out.println("  Capacity report: " + dir.resolve(HTML_FILE).toAbsolutePath());
    }

    static String markdown(Map<String, Object> runInfo, CapacityResult result) {
        StringBuilder md = new StringBuilder("\n# Capacity search — ").append(runInfo.get("simulation")).append("\n\n");
        md.append("A step passes when its successful requests' P95 ≤ ").append(Numbers.compact(result.p95TargetMillis()))
          .append(" ms and ≥ ").append(Numbers.compact(result.minSuccessPercent())).append(" % of its requests succeeded")
          .append(result.minGoodputPercent() > 0 ? " and ≥ " + Numbers.compact(result.minGoodputPercent()) + " % met the goodput criteria" : "")
          .append(". ");
        for (int i = 0; i < result.capacities().size(); i++) {
            md.append("Repeat ").append(i + 1).append(": **").append(result.capacities().get(i)).append("**")
              .append(result.crossed().get(i) ? "" : " (never crossed: at least this)").append(". ");
        }
        md.append("\nCapacity over ").append(result.capacities().size()).append(" repeat(s): min ").append(result.minCapacity())
          .append(", max ").append(result.maxCapacity()).append(", mean ").append(Numbers.compact(result.meanCapacity())).append(".\n\n");
        md.append("| repeat | concurrency | step | requests | ok % | p50 ms | p95 ms | p99 ms | req/s | out tok/s | server | verdict |\n");
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
