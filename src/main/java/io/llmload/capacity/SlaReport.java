package io.llmload.capacity;

import io.llmload.metrics.Numbers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmload.metrics.LevelStats;

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

/** sla-projection.{json,md}: the measured throughput and, labelled as projections, the time to finish each volume. */
public final class SlaReport {

    public static final String JSON_FILE = "sla-projection.json";
    public static final String MD_FILE = "sla-projection.md";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SlaReport() {
    }

    public static Map<String, Object> summary(LevelStats measured, int concurrency, List<SlaProjection> projections) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("concurrency", concurrency);
        out.put("requests", measured.requests());
        out.put("success_pct", Numbers.round(measured.successPercent()));
        out.put("requests_per_s", Numbers.round(measured.requestsPerSecond()));
        out.put("output_tokens_per_s", Numbers.round(measured.outputTokensPerSecond()));
        out.put("p95_ms", Numbers.round(measured.e2e().percentileMillis(95)));
        out.put("basis", basis(measured, concurrency));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SlaProjection p : projections) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("volume", p.volume());
            m.put("projected_hours", Numbers.round(p.hours()));
            m.put("window_hours", Numbers.round(p.windowHours()));
            m.put("compliant", p.compliant());
            m.put("safety_margin_pct", Numbers.round(p.marginPercent()));
            rows.add(m);
        }
        out.put("projections", rows);
        return out;
    }

    static String basis(LevelStats measured, int concurrency) {
        return String.format(Locale.ROOT, "projection from a measured %.2f req/s (%d requests at concurrency %d, %.1f %% OK)",
                measured.requestsPerSecond(), measured.requests(), concurrency, measured.successPercent());
    }

    public static void write(Path dir, Map<String, Object> runInfo, Map<String, Object> summary) {
        Map<String, Object> doc = new LinkedHashMap<>(runInfo);
        doc.put("sla", summary);
        String md = markdown(summary);
        System.out.print(md);
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(JSON_FILE).toFile(), doc);
            Files.writeString(dir.resolve(MD_FILE), md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SLA projection to " + dir, e);
        }
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> s) {
        StringBuilder md = new StringBuilder("\n# Throughput and SLA projection\n\n");
        md.append("Measured: ").append(s.get("requests_per_s")).append(" req/s, ").append(s.get("output_tokens_per_s"))
          .append(" output tokens/s, p95 ").append(s.get("p95_ms")).append(" ms. Every row below is a ")
          .append(s.get("basis")).append(".\n\n");
        md.append("| volume | projected time | window | within window | safety margin |\n|---|---|---|---|---|\n");
        for (Map<String, Object> p : (List<Map<String, Object>>) s.get("projections")) {
            md.append("| ").append(Numbers.thousands((Long) p.get("volume"))).append(" | ")
              .append(hours(p.get("projected_hours"))).append(" (projected) | ").append(p.get("window_hours")).append(" h | ")
              .append(Boolean.TRUE.equals(p.get("compliant")) ? "yes" : "**no**").append(" | ")
              .append(p.get("safety_margin_pct") == null ? "-" : p.get("safety_margin_pct") + " %").append(" |\n");
        }
        return md.toString();
    }

    private static String hours(Object value) {
        if (!(value instanceof Double h)) return "never (no throughput)";
        return h < 1 ? String.format(Locale.ROOT, "%.1f min", h * 60) : String.format(Locale.ROOT, "%.2f h", h);
    }
}
