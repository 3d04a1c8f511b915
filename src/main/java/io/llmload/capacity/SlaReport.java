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
import java.util.Locale;

/** sla-projection.{json,md}: the measured throughput and, labelled as projections, the time to finish each volume. */
public final class SlaReport {

    public static final String JSON_FILE = "sla-projection.json";
    public static final String MD_FILE = "sla-projection.md";

    private SlaReport() {
    }

    public static void write(Path dir, RunFacts facts, SlaSection sla) {
        ObjectNode doc = RunReport.json(facts, sla);
        String md = markdown(sla);
        System.out.print(md);
        try {
            Files.createDirectories(dir);
            RunReport.JSON.writeValue(dir.resolve(JSON_FILE).toFile(), doc);
            Files.writeString(dir.resolve(MD_FILE), md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SLA projection to " + dir, e);
        }
    }

    static String markdown(SlaSection s) {
        StringBuilder md = new StringBuilder("\n# Throughput and SLA projection\n\n");
        md.append("Measured: ").append(s.requestsPerS()).append(" req/s, ").append(s.outputTokensPerS())
          .append(" output tokens/s, p95 ").append(s.p95Ms()).append(" ms. Every row below is a ")
          .append(s.basis()).append(".\n\n");
        md.append("| volume | projected time | window | within window | safety margin |\n|---|---|---|---|---|\n");
        for (SlaSection.Projection p : s.projections()) {
            md.append("| ").append(Numbers.thousands(p.volume())).append(" | ")
              .append(hours(p.projectedHours())).append(" (projected) | ").append(p.windowHours()).append(" h | ")
              .append(p.compliant() ? "yes" : "**no**").append(" | ")
              .append(p.safetyMarginPct() == null ? "-" : p.safetyMarginPct() + " %").append(" |\n");
        }
        return md.toString();
    }

    private static String hours(Double h) {
        if (h == null) return "never (no throughput)";
        return h < 1 ? String.format(Locale.ROOT, "%.1f min", h * 60) : String.format(Locale.ROOT, "%.2f h", h);
    }
}
