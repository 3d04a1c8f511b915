package io.llmload.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.report.InjectorResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which folders merge into one test, which are refused (and why, on one line), and which injectors are missing. */
class InjectorSetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode config(int index, String levels) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("injector").put("count", 3).put("index", index).put("start-at", "2026-12-02T03:00:00Z");
        config.putObject("news").put("levels", levels);
        return config;
    }

    private static Path write(Path dir, String simulation, int index, int count, String levels, long started, long finished) {
        JsonNode config = config(index, levels);
        Path folder = dir.resolve(simulation + "-" + index + "-" + levels.hashCode() + "-" + started);
        new InjectorResults(InjectorResults.FORMAT, simulation, "run", "t", "m", new InjectorResults.Injector(index, count, "injector-" + index),
                "2026-12-02T03:00:00Z", started, finished, InjectorResults.configHash(config), config, null, null, null, List.of()).write(folder);
        return folder;
    }

    @Test
    void theInjectorsOfOneTestMergeAndTheirConfigHashIgnoresOnlyTheirIndex(@TempDir Path dir) {
        List<Path> folders = List.of(write(dir, "News", 0, 3, "10", 1000, 9000), write(dir, "News", 1, 3, "10", 1200, 9100),
                write(dir, "News", 2, 3, "10", 900, 9050));
        InjectorSet set = InjectorSet.read(folders);
        assertThat(set.present()).hasSize(3);
        assertThat(set.missing()).isEmpty();
        assertThat(InjectorResults.configHash(config(0, "10"))).isEqualTo(InjectorResults.configHash(config(2, "10")))
                .isNotEqualTo(InjectorResults.configHash(config(0, "5,10")));
    }

    @Test
    void foldersOfAnotherSimulationConfigurationOrTimeAreRefused(@TempDir Path dir) {
        Path first = write(dir, "News", 0, 3, "10", 1000, 9000);
        assertThatThrownBy(() -> InjectorSet.read(List.of(first, write(dir, "RunPodRamp", 1, 3, "10", 1000, 9000))))
                .isInstanceOf(InjectorSet.Refused.class).hasMessageContaining("is a run of RunPodRamp").hasMessageContaining("of News");
        assertThatThrownBy(() -> InjectorSet.read(List.of(first, write(dir, "News", 1, 3, "5,10", 1000, 9000))))
                .hasMessageContaining("ran with another configuration than " + first);
        assertThatThrownBy(() -> InjectorSet.read(List.of(first, write(dir, "News", 0, 3, "10", 1100, 9000))))
                .hasMessageContaining("are both injector.index 0");
        assertThatThrownBy(() -> InjectorSet.read(List.of(first, write(dir, "News", 1, 3, "10", 20_000, 29_000))))
                .hasMessageContaining("before another injector started: not the same test run");
        assertThatThrownBy(() -> InjectorSet.read(List.of(dir.resolve("a"), dir.resolve("b"))))
                .hasMessageStartingWith("no injector results to merge: " + dir.resolve("a") + ": no llm-results.json");
    }

    @Test
    void anInjectorThatLeftNoResultsIsReportedMissingAndTheRestMerge(@TempDir Path dir) {
        Path crashed = dir.resolve("crashed-injector");
        InjectorSet set = InjectorSet.read(List.of(write(dir, "News", 0, 3, "10", 1000, 9000), crashed, write(dir, "News", 2, 3, "10", 1000, 9000)));
        assertThat(set.present()).extracting(r -> r.injector().index()).containsExactly(0, 2);
        assertThat(set.missing()).containsExactly("injector-1 (" + crashed + ": no llm-results.json (the injector did not finish its run))");
        InjectorSet short1 = InjectorSet.read(List.of(write(dir, "News", 0, 3, "10", 1000, 9000)));
        assertThat(short1.missing()).containsExactly("injector-1 brought no folder", "injector-2 brought no folder");
    }
}
