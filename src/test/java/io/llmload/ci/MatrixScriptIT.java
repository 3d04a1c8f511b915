package io.llmload.ci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/run-matrix.sh for real on the emulator, two short cells: the second's engine 50 % slower
 * (every decode step and prompt token), so its throughput is a third lower than the baseline's and
 * breaks the throughput SLO the baseline meets.
 */
class MatrixScriptIT {

    @Test
    void aCellFiftyPercentSlowerShowsAThirdLessThroughputAndFailsItsSlo(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("matrix.conf");
        // 20 tokens a request at c=2: about 20 x 10 ms a request, 8.8 req/s here; 50 % slower: about 6 req/s
        Files.writeString(conf, """
                sla { concurrency = 2, max-tokens = 20, stream = false }
                slo.sla { throughput { metric = requests-per-second, min = 7.4 } }
                matrix.categories = [
                  { name = "baseline", cells = [ { name = "decode 10 ms", keys { "emulator.decode-step-base" = 10ms, "emulator.prefill-per-token" = 40us } } ] }
                  { name = "slower", cells = [ { name = "50 % slower", keys { "emulator.decode-step-base" = 15ms, "emulator.prefill-per-token" = 60us } } ] }
                ]
                """);
        ProcessBuilder pb = new ProcessBuilder("scripts/run-matrix.sh", "-Dllmload.config=" + conf).redirectErrorStream(true);
        pb.environment().putAll(java.util.Map.of("MVN", "mvn -B -q", "REQUESTS", "30"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        String md = Files.readString(Path.of("target/llmload/matrix/matrix.md"));
        assertThat(md).contains("Baseline: baseline / decode 10 ms.", "| baseline | decode 10 ms |", "| PASS (1) |");
        Matcher slower = Pattern.compile("\\| slower \\| 50 % slower \\| [0-9.]+ \\| ([-+][0-9.]+) % \\|.*\\*\\*FAIL\\*\\* 1 of 1").matcher(md);
        assertThat(slower.find()).as(md).isTrue();
        assertThat(Double.parseDouble(slower.group(1))).as("throughput against the baseline, %").isBetween(-40.0, -26.0);
        assertThat(md).contains("| slower | 1 |", "**FAIL** (1 of 1)");
    }
}
