package io.llmload.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportDirectoryTest {

    @TempDir
    Path results;

    @Test
    void theNewestRunFolderOfThisSimulationMadeSinceTheStartIsTheRunsFolder() throws IOException {
        Instant start = Instant.now().minus(Duration.ofMinutes(1));
        Path earlier = folder("newssimulation-20261202100000000", start.plusSeconds(10));
        Path latest = folder("newssimulation-20261202100100000", start.plusSeconds(20));
        folder("othersimulation-20261202100200000", start.plusSeconds(30));

        assertThat(RunReport.reportDirectory(results, "NewsSimulation", start)).isEqualTo(latest).isNotEqualTo(earlier);
    }

    @Test
    void aFolderOlderThanTheStartIsAnotherRunsAndIsNotWrittenOver() throws IOException {
        Instant start = Instant.now();
        Path yesterdays = folder("newssimulation-20261201100000000", start.minus(Duration.ofDays(1)));

        Path chosen = RunReport.reportDirectory(results, "NewsSimulation", start);

        assertThat(chosen).isNotEqualTo(yesterdays);
        assertThat(chosen.getParent()).isEqualTo(Path.of("target", "llmload"));
        assertThat(chosen.getFileName().toString()).startsWith("newssimulation-");
    }

    private Path folder(String name, Instant modified) throws IOException {
        Path dir = Files.createDirectories(results.resolve(name));
        assertThat(dir.toFile().setLastModified(modified.toEpochMilli())).isTrue();
        return dir;
    }
}
