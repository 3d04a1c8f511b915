package io.llmload.capacity;

import com.typesafe.config.ConfigFactory;
import io.llmload.config.ConfigError;
import io.llmload.config.LlmloadConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatrixTableTest {

    private static void cell(Path dir, int n, String category, String name, double rps, boolean sloPassed, Double gpuMax) throws Exception {
        String id = "cell-%03d".formatted(n);
        Files.writeString(dir.resolve(id + ".json"), """
                {"simulation":"BatchThroughputSimulation","sla":{"requests":500,"success_pct":100.0,"requests_per_s":%s,
                 "output_tokens_per_s":1500.5,"p95_ms":390.1,"projections":[{"volume":100000,"projected_hours":2.65,"compliant":true}]}}
                """.formatted(rps));
        String gpu = gpuMax == null ? "" : ",\"server_side\":{\"levels\":[{\"gpu_memory_max_mib\":%s,\"gpu_memory_mean_mib\":%s}]}"
                .formatted(gpuMax, gpuMax - 100);
        Files.writeString(dir.resolve(id + ".summary.json"), "{\"slos\":[{\"name\":\"p95\",\"passed\":" + sloPassed + "}]" + gpu + "}");
        Files.writeString(dir.resolve(id + ".labels"), category + "\t" + name + "\n");
    }

    /** A cell made 50 % slower shows -33 % throughput against the baseline; categories get their range and status. */
    @Test
    void cellsAgainstTheBaselineAndCategoriesWithTheirRange(@TempDir Path dir) throws Exception {
        cell(dir, 1, "baseline", "batch 128, c=2", 12.0, true, 2048.0);
        cell(dir, 2, "baseline", "batch 256, c=2", 18.0, true, 4096.0);
        cell(dir, 3, "large model", "7B", 8.0, false, null);
        String md = MatrixTable.render(MatrixTable.read(dir));
        assertThat(md).contains("Baseline: baseline / batch 128, c=2.")
                .contains("| baseline | batch 128, c=2 | 12.00 | baseline | 1500.5 | 390.1 | 100.0 | PASS (1) | 2048 / 1948 | 100,000 | 2.65 h (fits) |")
                .contains("| baseline | batch 256, c=2 | 18.00 | +50.0 % |")
                .contains("| large model | 7B | 8.00 | -33.3 % |", "| **FAIL** 1 of 1 | not sampled |")
                .contains("| baseline | 2 | 12.00 | 18.00 | 15.00 | PASS |", "| large model | 1 | 8.00 | 8.00 | 8.00 | **FAIL** (1 of 1) |");
    }

    @Test
    void anEmptyFolderIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> MatrixTable.read(dir)).hasMessageContaining("no cell-*.json files");
    }

    @Test
    void theDefaultPlanHasTheReportsFiveCategoriesAndElevenCells() {
        List<MatrixPlan.Cell> cells = MatrixPlan.read(LlmloadConfig.load(ConfigFactory.parseMap(Map.of())));
        assertThat(cells).hasSize(11);
        assertThat(cells.stream().map(MatrixPlan.Cell::category).distinct())
                .containsExactly("baseline", "high concurrency", "large model", "stress", "SLA");
        assertThat(cells.get(0).keys()).containsEntry("emulator.max-num-seqs", "128").containsEntry("sla.concurrency", "2");
    }

    @Test
    void aCellWithAnUnknownKeyIsNamedBeforeAnyRun(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("matrix.conf");
        Files.writeString(conf, "matrix.categories = [ { name = a, cells = [ { name = one, keys { \"sla.concurrence\" = 2 } } ] } ]\n");
        assertThatThrownBy(() -> MatrixPlan.read(LlmloadConfig.load(ConfigFactory.parseMap(Map.of("llmload.config", conf.toString())))))
                .isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("matrix.categories.0.cells.0 (one): unknown key 'sla.concurrence'");
    }
}
