package io.llmload.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CapacityComparisonTest {

    private static final String A10 = """
            {"simulation":"CapacitySearchSimulation","capacity":{"capacity_mean":10.0,"steps":[
              {"repeat":1,"concurrency":10,"p95_ms":3700.0,"requests_per_s":2.5,"output_tokens_per_s":400.0},
              {"repeat":2,"concurrency":10,"p95_ms":3800.0,"requests_per_s":2.4,"output_tokens_per_s":390.0},
              {"repeat":1,"concurrency":15,"p95_ms":5000.0,"requests_per_s":3.0,"output_tokens_per_s":480.0}]}}""";
    private static final String L20 = """
            {"capacity":{"capacity_mean":22.5,"steps":[
              {"repeat":1,"concurrency":15,"p95_ms":2500.0,"requests_per_s":5.0,"output_tokens_per_s":800.0},
              {"repeat":1,"concurrency":20,"p95_ms":3300.0,"requests_per_s":6.0,"output_tokens_per_s":960.0},
              {"repeat":1,"concurrency":25,"p95_ms":4200.0,"requests_per_s":6.6,"output_tokens_per_s":1056.0}]}}""";

    @Test
    void ratiosOfCapacityThroughputAndP95AtEqualConcurrency(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), A10);
        Files.writeString(dir.resolve("b.json"), L20);
        List<CapacityComparison.Row> rows = CapacityComparison.compare(CapacityComparison.read(dir.resolve("a.json")), CapacityComparison.read(dir.resolve("b.json")));
        assertThat(rows).extracting(CapacityComparison.Row::metric).containsExactly("capacity (mean over repeats)",
                "best throughput (req/s)", "best output tokens/s", "P95 ms at c=15");
        assertThat(rows.get(0).ratio()).isCloseTo(2.25, within(1e-9));      // 22.5 / 10
        assertThat(rows.get(1).ratio()).isCloseTo(2.2, within(1e-9));       // 6.6 / 3.0
        assertThat(rows.get(2).ratio()).isCloseTo(2.2, within(1e-9));       // 1056 / 480
        assertThat(rows.get(3).a()).isEqualTo(5000.0);
        assertThat(rows.get(3).ratio()).isCloseTo(0.5, within(1e-9));       // 2500 / 5000
        assertThat(CapacityComparison.markdown("a", "b", rows)).contains("| capacity (mean over repeats) | 10 | 22.50 | 2.25× |");
    }

    @Test
    void aFileThatIsNotACapacitySearchIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{\"levels\":[]}");
        assertThatThrownBy(() -> CapacityComparison.read(dir.resolve("summary.json")))
                .hasMessageContaining("summary.json: no capacity search steps");
    }
}
