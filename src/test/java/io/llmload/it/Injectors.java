package io.llmload.it;

import io.llmload.report.InjectorResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Several injector JVMs of one scaled-out test on this machine, as Jenkins' parallel branches or a
 * Kubernetes Indexed Job start them: the same simulation and keys, the injector count and start
 * instant from the environment, each index from {@code JOB_COMPLETION_INDEX} (Kubernetes' own).
 */
final class Injectors {

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> results = new ArrayList<>();

    private Injectors() {
    }

    static Injectors start(Class<?> simulation, int count, Instant startAt, Map<String, String> keys, Path dir) throws IOException {
        Injectors injectors = new Injectors();
        for (int index = 0; index < count; index++) {
            Path results = dir.resolve("injector-" + index);
            Files.createDirectories(results);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), "-Dllmload.results-dir=" + results));
            keys.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("io.gatling.app.Gatling", "-s", simulation.getName(), "-rf", results.toString(), "-nr"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(results.resolve("console.log").toFile());
            pb.environment().put("LLMLOAD_INJECTORS", String.valueOf(count));
            pb.environment().put("LLMLOAD_START_AT", startAt.toString());
            pb.environment().put("JOB_COMPLETION_INDEX", String.valueOf(index));
            injectors.processes.add(pb.start());
            injectors.results.add(results);
        }
        return injectors;
    }

    Process process(int index) {
        return processes.get(index);
    }

    /** Waits for every injector; their exit codes. */
    List<Integer> await() throws InterruptedException {
        List<Integer> exits = new ArrayList<>();
        for (Process p : processes) {
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("an injector did not end within 3 minutes");
            }
            exits.add(p.exitValue());
        }
        return exits;
    }

    /** Each injector's Gatling run folder (where its results are), or its results root when it wrote none. */
    List<Path> folders() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : results) {
            try (Stream<Path> dirs = Files.list(root)) {
                out.add(dirs.filter(Files::isDirectory).findFirst().orElse(root));
            }
        }
        return out;
    }

    String console(int index) throws IOException {
        return Files.readString(results.get(index).resolve("console.log"));
    }

    InjectorResults results(int index) throws IOException {
        return InjectorResults.read(folders().get(index));
    }

    void destroy() {
        processes.forEach(Process::destroyForcibly);
    }
}
