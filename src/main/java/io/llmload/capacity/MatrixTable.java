package io.llmload.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.metrics.Numbers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test matrix's report (scripts/run-matrix.sh), structured as the batch report is: every cell
 * ({@code cell-*.json} an sla-projection.json, {@code cell-*.summary.json} its llm-summary.json,
 * {@code cell-*.labels} "category TAB name") with its SLO verdicts, its throughput change against the
 * baseline cell (the first), GPU memory when DCGM was sampled, and the first volume's projection;
 * then each category: cells, req/s min / max / mean, and whether every cell passed. Written to matrix.md.
 */
public final class MatrixTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One cell's figures. */
    record Cell(String category, String name, double requestsPerS, double outputTokensPerS, Double p95Ms, Double successPct,
                int slos, int slosFailed, Double gpuMemoryMaxMib, Double gpuMemoryMeanMib, long firstVolume, Double firstVolumeHours,
                boolean firstVolumeCompliant) {

        boolean passed() {
            return slosFailed == 0;
        }
    }

    private MatrixTable() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/llmload/matrix");
        String md = render(read(dir));
        Files.writeString(dir.resolve("matrix.md"), md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    static List<Cell> read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("cell-\\d+\\.json")).sorted().toList();
        }
        if (files.isEmpty()) throw new IOException(dir + ": no cell-*.json files (run scripts/run-matrix.sh)");
        List<Cell> cells = new ArrayList<>();
        for (Path file : files) {
            String base = file.getFileName().toString().replace(".json", "");
            JsonNode sla = JSON.readTree(file.toFile()).path("sla");
            Path summaryFile = file.resolveSibling(base + ".summary.json");
            JsonNode summary = Files.isReadable(summaryFile) ? JSON.readTree(summaryFile.toFile()) : JSON.createObjectNode();
            Path labelFile = file.resolveSibling(base + ".labels");
            String[] labels = Files.isReadable(labelFile) ? Files.readString(labelFile).strip().split("\t", 2) : new String[]{"cells", base};
            int slos = 0;
            int failed = 0;
            for (JsonNode slo : summary.path("slos")) {
                slos++;
                if (!slo.path("passed").asBoolean()) failed++;
            }
            JsonNode gpu = summary.path("server_side").path("levels").path(0);
            JsonNode first = sla.path("projections").path(0);
            cells.add(new Cell(labels[0], labels.length > 1 ? labels[1] : base, sla.path("requests_per_s").asDouble(),
                    sla.path("output_tokens_per_s").asDouble(), number(sla.path("p95_ms")), number(sla.path("success_pct")), slos, failed,
                    number(gpu.path("gpu_memory_max_mib")), number(gpu.path("gpu_memory_mean_mib")), first.path("volume").asLong(),
                    number(first.path("projected_hours")), first.path("compliant").asBoolean()));
        }
        return cells;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    /** The relative change of {@code value} against {@code baseline}, in percent. */
    static double changePct(double value, double baseline) {
        return baseline == 0 ? Double.NaN : (value / baseline - 1) * 100;
    }

    static String render(List<Cell> cells) {
        Cell baseline = cells.get(0);
        StringBuilder md = new StringBuilder("# Batch test matrix\n\nBaseline: ").append(baseline.category()).append(" / ").append(baseline.name())
                .append(". Projections assume the measured rate holds for the whole volume.\n\n")
                .append("| category | cell | req/s | vs baseline | out tok/s | p95 ms | OK % | SLOs | GPU memory peak / mean MiB | first volume | projected |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Cell c : cells) {
            md.append("| ").append(c.category()).append(" | ").append(c.name()).append(" | ").append(Numbers.fixed(c.requestsPerS(), 2))
              .append(" | ").append(c == baseline ? "baseline" : Numbers.signed(changePct(c.requestsPerS(), baseline.requestsPerS())) + " %")
              .append(" | ").append(Numbers.fixed(c.outputTokensPerS(), 1)).append(" | ").append(Numbers.fixed(c.p95Ms(), 1))
              .append(" | ").append(Numbers.fixed(c.successPct(), 1))
              .append(" | ").append(c.slos() == 0 ? "none set" : c.passed() ? "PASS (" + c.slos() + ")" : "**FAIL** " + c.slosFailed() + " of " + c.slos())
              .append(" | ").append(c.gpuMemoryMaxMib() == null ? "not sampled" : Numbers.fixed(c.gpuMemoryMaxMib(), 0) + " / " + Numbers.fixed(c.gpuMemoryMeanMib(), 0))
              .append(" | ").append(Numbers.thousands(c.firstVolume())).append(" | ").append(Numbers.fixed(c.firstVolumeHours(), 2)).append(" h")
              .append(c.firstVolumeCompliant() ? " (fits)" : " (late)").append(" |\n");
        }
        Map<String, List<Cell>> byCategory = new LinkedHashMap<>();
        for (Cell c : cells) byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c);
        md.append("\n| category | cells | req/s min | req/s max | req/s mean | status |\n|---|---|---|---|---|---|\n");
        byCategory.forEach((category, list) -> {
            double min = list.stream().mapToDouble(Cell::requestsPerS).min().orElseThrow();
            double max = list.stream().mapToDouble(Cell::requestsPerS).max().orElseThrow();
            double mean = list.stream().mapToDouble(Cell::requestsPerS).average().orElseThrow();
            long failed = list.stream().filter(c -> !c.passed()).count();
            md.append("| ").append(category).append(" | ").append(list.size()).append(" | ").append(Numbers.fixed(min, 2))
              .append(" | ").append(Numbers.fixed(max, 2)).append(" | ").append(Numbers.fixed(mean, 2))
              .append(" | ").append(failed == 0 ? "PASS" : "**FAIL** (" + failed + " of " + list.size() + ")").append(" |\n");
        });
        return md.toString();
    }
}
