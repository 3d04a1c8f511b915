package io.llmload.report;

import io.llmload.metrics.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTest {

    private static RequestRecord request(int i) {
        return new RequestRecord("chat", null, 4, 1_700_000_000_000L + i,
                new RequestRecord.Timing(0, 0, (100 + i) * 1_000_000L, 20_000_000L, new long[] {40_000_000L, 40_000_000L}, true),
                new RequestRecord.Tokens(3, true, 3, 50, true, -1), null, null, 200, "id-" + i, 0, null);
    }

    @Test
    void linesReachTheFileWithinTheFlushIntervalWithoutAClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(RequestLog.FILE);
        try (RequestLog log = new RequestLog(file, Duration.ofMillis(50))) {
            log.accept(request(1));
            log.accept(request(2));

            List<String> lines = List.of();
            for (int i = 0; i < 200 && lines.size() < 2; i++) {
                Thread.sleep(10);
                lines = Files.readAllLines(file);
            }
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("\"request\":\"chat\"", "\"e2e_ms\":101.0", "\"id\":\"id-1\"");
            assertThat(lines.get(1)).contains("\"e2e_ms\":102.0", "\"id\":\"id-2\"");
        }
    }

    @Test
    void linesWaitInTheBufferUntilTheIntervalOrAFlushAndCloseKeepsThemAll(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RequestLog.FILE);
        RequestLog log = new RequestLog(file, Duration.ofHours(1));
        for (int i = 0; i < 3; i++) log.accept(request(i));
        assertThat(Files.size(file)).isZero();

        assertThat(Files.readAllLines(log.flushed())).hasSize(3);

        log.accept(request(3));
        Path moved = log.moveTo(dir.resolve("report"));
        List<String> lines = Files.readAllLines(moved);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).contains("\"id\":\"id-3\"");
        log.accept(request(4));
        assertThat(Files.readAllLines(moved)).hasSize(4);
    }
}
