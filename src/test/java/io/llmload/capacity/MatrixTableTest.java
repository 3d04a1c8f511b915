package io.llmload.capacity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatrixTableTest {

    private static String cell(double rps, double hours, boolean compliant) {
        return """
                {"simulation":"BatchThroughputSimulation","sla":{"requests":500,"success_pct":100.0,"requests_per_s":%s,
                 "output_tokens_per_s":1500.5,"p95_ms":390.1,"projections":[{"volume":100000,"projected_hours":%s,"compliant":%s}]}}
                """.formatted(rps, hours, compliant);
    }

    @Test
    void oneRowPerCellWithItsLabels(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cell-001.json"), cell(10.5, 2.65, true));
        Files.writeString(dir.resolve("cell-001.labels"), "batch_size=64 concurrency=2 model=a\n");
        Files.writeString(dir.resolve("cell-002.json"), cell(0.9, 30.86, false));
        Files.writeString(dir.resolve("cell-002.labels"), "batch_size=64 concurrency=4 model=a\n");
        String md = MatrixTable.render(dir);
        assertThat(md.lines()).hasSize(4);
        assertThat(md).contains("| batch_size=64 concurrency=2 model=a | 10.5 | 1500.5 | 390.1 | 100.0 | 500 | 100,000 | 2.65 h (projection) | yes |")
                .contains("| batch_size=64 concurrency=4 model=a | 0.9 |").contains("| 30.86 h (projection) | no |");
    }

    @Test
    void anEmptyFolderIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> MatrixTable.render(dir)).hasMessageContaining("no cell-*.json files");
    }
}
