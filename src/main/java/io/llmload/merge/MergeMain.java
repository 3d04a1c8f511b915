package io.llmload.merge;

import io.gatling.app.Gatling$;
import io.gatling.shared.cli.GatlingCliOptions;
import io.llmload.config.ConfigError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/merge.sh <out folder> <injector folder>...}: one test's summary, SLO and regression
 * verdicts (JUnit files too) and Gatling HTML report from the result folders of its injectors.
 * Exit 0: merged and passed; 3: an SLO or regression rule failed; 1: an injector is missing or
 * stopped early (the figures are of the rest); 2: the folders cannot be merged (the reason on one line).
 */
public final class MergeMain {

    public static final int PASSED = 0;
    public static final int INCOMPLETE = 1;
    public static final int REFUSED = 2;
    public static final int FAILED = 3;
    private static final String SIMULATION_LOG = "simulation.log";

    private MergeMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: scripts/merge.sh <out folder> <injector result folder>...");
            return REFUSED;
        }
        Path out = Path.of(args[0]).toAbsolutePath().normalize();
        List<Path> folders = new ArrayList<>();
        for (int i = 1; i < args.length; i++) folders.add(Path.of(args[i]).toAbsolutePath().normalize());
        long startNanos = System.nanoTime();
        MergedRun.Outcome outcome;
        try {
            InjectorSet set = InjectorSet.read(folders);
            System.out.println("[llmload] merging " + set.present().size() + " of " + set.count() + " injectors of "
                    + set.first().simulation() + " into " + out);
            outcome = MergedRun.merge(set, out);
            System.out.printf("[llmload] merged figures, verdicts and request logs in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
            gatlingReport(set.folders(), out);
        } catch (InjectorSet.Refused | ConfigError e) {
            System.err.println("[llmload] merge refused: " + e.getMessage());
            return REFUSED;
        } catch (IOException e) {
            System.err.println("[llmload] merge failed: " + e.getMessage());
            return REFUSED;
        }
        System.out.printf("[llmload] merged in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
        if (!outcome.complete()) {
            System.out.println("[llmload] merge: INCOMPLETE (see the injectors section): exit " + INCOMPLETE);
            return INCOMPLETE;
        }
        return outcome.passed() ? PASSED : FAILED;
    }

    /** Gatling's HTML report over all injectors' simulation.log, by Gatling's own reports-only mode. */
    private static void gatlingReport(List<Path> folders, Path out) throws IOException {
        List<Path> logs = folders.stream().map(f -> f.resolve(SIMULATION_LOG)).filter(Files::isRegularFile).toList();
        if (logs.isEmpty()) {
            System.out.println("[llmload] merge: no " + SIMULATION_LOG + " in the injector folders: no Gatling report");
            return;
        }
        long start = System.nanoTime();
        long requests = SimulationLogMerger.merge(logs, out.resolve(SIMULATION_LOG));
        System.out.printf("[llmload] merged %d Gatling logs (%d request records) in %.1f s; Gatling draws the report%n",
                logs.size(), requests, (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        int exit = Gatling$.MODULE$.fromArgs(new String[] {
                GatlingCliOptions.ReportsOnly.longOption(), out.getFileName().toString(),
                GatlingCliOptions.ResultsFolder.longOption(), out.getParent().toString()});
        System.out.printf("[llmload] Gatling's report in %.1f s%n", (System.nanoTime() - start) / 1e9);
        if (exit != 0) System.out.println("[llmload] merge: Gatling's reports-only run ended with " + exit);
    }
}
