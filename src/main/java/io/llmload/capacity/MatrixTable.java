package io.llmload.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.metrics.Numbers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One comparison table for a test matrix (scripts/run-matrix.sh): every {@code cell-*.json}
 * (an sla-projection.json) with its {@code cell-*.labels} ("batch_size=64 concurrency=4 model=x")
 * becomes a row; the table goes to matrix.md in the same folder.
 */
public final class MatrixTable {

    private MatrixTable() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/llmload/matrix");
        String md = render(dir);
        Files.writeString(dir.resolve("matrix.md"), md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    static String render(Path dir) throws IOException {
        List<Path> cells;
        try (Stream<Path> files = Files.list(dir)) {
            cells = files.filter(p -> p.getFileName().toString().matches("cell-.*\\.json")).sorted().toList();
        }
        if (cells.isEmpty()) throw new IOException(dir + ": no cell-*.json files (run scripts/run-matrix.sh)");
        ObjectMapper json = new ObjectMapper();
        StringBuilder md = new StringBuilder("| cell | req/s | out tok/s | p95 ms | ok % | requests | first volume | projected | within window |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Path cell : cells) {
            JsonNode sla = json.readTree(cell.toFile()).path("sla");
            Path labels = cell.resolveSibling(cell.getFileName().toString().replace(".json", ".labels"));
            String label = Files.isReadable(labels) ? Files.readString(labels).strip() : cell.getFileName().toString();
            JsonNode first = sla.path("projections").path(0);
            md.append("| ").append(label).append(" | ").append(sla.path("requests_per_s").asText("-"))
              .append(" | ").append(sla.path("output_tokens_per_s").asText("-"))
              .append(" | ").append(sla.path("p95_ms").asText("-"))
              .append(" | ").append(sla.path("success_pct").asText("-"))
              .append(" | ").append(sla.path("requests").asText("-"))
              .append(" | ").append(Numbers.thousands(first.path("volume").asLong()))
              .append(" | ").append(first.path("projected_hours").asText("-")).append(" h (projection)")
              .append(" | ").append(first.path("compliant").asBoolean() ? "yes" : "no").append(" |\n");
        }
        return md.toString();
    }
}
