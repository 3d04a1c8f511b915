package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.run.LlmRun;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real run against a misbehaving endpoint, as a user would make it: the canary API key in
 * every request, the console captured, the wall time measured, Gatling's HTML report written.
 */
record HostileRun(int exit, long elapsedMillis, String console, LlmRun run) {

    static final String CANARY_VARIABLE = "LLMLOAD_CANARY_KEY";
    /** Everything every hostile run printed, for the canary check at the end of a test class. */
    static final ByteArrayOutputStream ALL_CONSOLE = new ByteArrayOutputStream();

    /** The requests go out with the canary as their API key; the emulator accepts only it. */
    static Map<String, String> withCanary(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        all.putIfAbsent("target.api-key-env", CANARY_VARIABLE);
        all.putIfAbsent("emulator.api-key", canary());
        return all;
    }

    static String canary() {
        String canary = System.getenv(CANARY_VARIABLE);
        assertThat(canary).as("set by the surefire configuration in pom.xml").isNotBlank();
        return canary;
    }

    static HostileRun of(Class<?> simulation, Map<String, String> overrides) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, console), true));
        System.setErr(new PrintStream(new Tee(err, console), true));
        long start = System.nanoTime();
        int exit;
        try {
            exit = InProcessGatling.run(simulation, withCanary(overrides), true);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        synchronized (ALL_CONSOLE) {
            ALL_CONSOLE.writeBytes(console.toByteArray());
        }
        return new HostileRun(exit, elapsed, console.toString(StandardCharsets.UTF_8), LlmRun.current());
    }

    Path reportDirectory() {
        return run.reportDirectory();
    }

    /** llm-summary.json of the run. */
    JsonNode summary() throws IOException {
        return new ObjectMapper().readTree(reportDirectory().resolve("llm-summary.json").toFile());
    }

    /** A report file's text (Gatling's simulation.log is binary: read byte for byte). */
    String file(String name) throws IOException {
        return Files.readString(reportDirectory().resolve(name),
                name.equals("simulation.log") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** Every report a run writes is there, whatever the target did: llmload's and Gatling's. */
    void assertEveryReportWritten() throws IOException {
        Path dir = reportDirectory();
        for (String name : List.of("llm-summary.json", "llm-summary.md", "llm-slo-junit.xml", "llm-requests.jsonl",
                "simulation.log", "index.html")) {
            assertThat(dir.resolve(name)).as("%s in %s", name, dir).isRegularFile();
            assertThat(Files.size(dir.resolve(name))).as("%s is not empty", name).isPositive();
        }
    }

    /** Files written under the results folders since {@code millis}. */
    static List<Path> filesWrittenSince(long millis) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : List.of(InProcessGatling.RESULTS, Path.of("target", "llmload"))) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(p -> p.toFile().lastModified() >= millis).forEach(out::add);
            }
        }
        return out;
    }

    /** The canary key was sent with every request and is in no file and no line these runs wrote. */
    static void assertCanaryNowhere(long sinceMillis) throws IOException {
        String canary = canary();
        List<Path> written = filesWrittenSince(sinceMillis);
        assertThat(written).as("these runs wrote their reports").isNotEmpty();
        for (Path file : written) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("%s", file).doesNotContain(canary);
        }
        synchronized (ALL_CONSOLE) {
            assertThat(ALL_CONSOLE.toString(StandardCharsets.UTF_8)).as("console").doesNotContain(canary);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
