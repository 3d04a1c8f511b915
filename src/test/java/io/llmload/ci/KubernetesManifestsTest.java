package io.llmload.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s, checked without a cluster: the manifests parse, the injectors are an Indexed Job whose
 * pod index reaches injector.index and whose count is the Job's, the merge reads the volume they
 * write, and run.sh hands kubectl the manifests with the run's injector count and start.
 */
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String INDEX_ANNOTATION = "metadata.annotations['batch.kubernetes.io/job-completion-index']";

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) out.add(doc);
            }
        }
        return out;
    }

    private static JsonNode manifest(String file) throws IOException {
        List<JsonNode> docs = documents(Files.readString(Path.of("deploy", "k8s", file)));
        assertThat(docs).hasSize(1);
        return docs.get(0);
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.get("env")) if (e.get("name").asText().equals(name)) return e.has("value") ? e.get("value").asText() : null;
        throw new AssertionError("no env " + name);
    }

    private static JsonNode envEntry(JsonNode container, String name) {
        for (JsonNode e : container.get("env")) if (e.get("name").asText().equals(name)) return e;
        throw new AssertionError("no env " + name);
    }

    private static String mountOf(JsonNode container, String subPath) {
        for (JsonNode m : container.get("volumeMounts")) if (m.path("subPath").asText().equals(subPath)) return m.get("mountPath").asText();
        throw new AssertionError("no mount of " + subPath);
    }

    @Test
    void theInjectorsAreAnIndexedJobWhosePodIndexIsTheInjectorIndex() throws IOException {
        JsonNode job = manifest("injectors-job.yaml");
        assertThat(job.get("kind").asText()).isEqualTo("Job");
        JsonNode spec = job.get("spec");
        assertThat(spec.get("completionMode").asText()).isEqualTo("Indexed");
        int completions = spec.get("completions").asInt();
        assertThat(spec.get("parallelism").asInt()).as("all injectors at once").isEqualTo(completions);
        assertThat(spec.get("backoffLimit").asInt()).as("a retried injector would run out of step").isZero();
        JsonNode pod = spec.get("template").get("spec");
        assertThat(pod.get("restartPolicy").asText()).isEqualTo("Never");
        JsonNode container = pod.get("containers").get(0);
        assertThat(Integer.parseInt(env(container, "LLMLOAD_INJECTORS"))).isEqualTo(completions);
        assertThat(envEntry(container, "JOB_COMPLETION_INDEX").at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo(INDEX_ANNOTATION);
        // llmload.conf reads these very variables (ScaleOutIT starts its injectors through them)
        String conf = Files.readString(Path.of("src", "main", "resources", "llmload.conf"));
        assertThat(conf).contains("index = ${?JOB_COMPLETION_INDEX}", "count = ${?LLMLOAD_INJECTORS}", "start-at = ${?LLMLOAD_START_AT}");
        assertThat(env(container, "LLMLOAD_START_AT")).isEqualTo("__START_AT__");
        String command = container.get("command").get(0).asText();
        assertThat(command).isEqualTo("scripts/ci/run-injector.sh");
        assertThat(Path.of(command)).isExecutable();
        assertThat(container.get("workingDir").asText()).isEqualTo("/llmload");
        JsonNode resources = container.get("resources");
        for (String kind : List.of("requests", "limits")) {
            assertThat(resources.get(kind).get("cpu").asText()).isNotBlank();
            assertThat(resources.get(kind).get("memory").asText()).matches("\\d+Gi");
        }
        assertThat(envEntry(container, "LLMLOAD_API_KEY").at("/valueFrom/secretKeyRef/name").asText()).isNotBlank();
        assertThat(mountOf(container, "injectors")).isEqualTo("/llmload/target/llmload/injector");
        assertThat(pod.get("volumes").get(0).at("/persistentVolumeClaim/claimName").asText())
                .isEqualTo(manifest("results-pvc.yaml").at("/metadata/name").asText());
        assertThat(manifest("results-pvc.yaml").at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteMany");
    }

    @Test
    void theMergeJobReadsWhereTheInjectorsWroteAndRunsTheMergeScript() throws IOException {
        JsonNode injectors = manifest("injectors-job.yaml");
        JsonNode merge = manifest("merge-job.yaml");
        JsonNode container = merge.at("/spec/template/spec/containers/0");
        JsonNode injector = injectors.at("/spec/template/spec/containers/0");
        assertThat(container.get("command").get(0).asText()).isEqualTo("scripts/ci/merge-injectors.sh");
        assertThat(Path.of("scripts/ci/merge-injectors.sh")).isExecutable();
        assertThat(env(container, "LLMLOAD_INJECTORS")).isEqualTo(env(injector, "LLMLOAD_INJECTORS"));
        assertThat(env(container, "SIMULATION")).isEqualTo(env(injector, "SIMULATION"));
        assertThat(mountOf(container, "injectors")).isEqualTo(mountOf(injector, "injectors"));
        assertThat(merge.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText())
                .isEqualTo(injectors.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText());
        assertThat(merge.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void runShAppliesTheInjectorsWithTheRunsCountAndStartThenTheMerge(@TempDir Path dir) throws Exception {
        Path kubectl = dir.resolve("kubectl");
        Path log = dir.resolve("applied");
        Files.writeString(kubectl, "#!/usr/bin/env bash\necho \"kubectl $*\" >> " + dir.resolve("calls") + "\n"
                + "if [[ \"$*\" == *apply* ]]; then cat >> " + log + "; echo '---' >> " + log + "; fi\n"
                + "if [[ \"$*\" == *jsonpath* ]]; then echo 3; fi\n");
        kubectl.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("deploy/k8s/run.sh", "-n", "loadtest").redirectErrorStream(true);
        pb.environment().putAll(Map.of("KUBECTL", kubectl.toString(), "INJECTORS", "5", "TARGET_URL", "http://10.0.0.7:8000/v1",
                "SIMULATION", "RunPodSoakSimulation", "START_DELAY", "60"));
        Instant before = Instant.now();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(3);
        List<JsonNode> applied = documents(Files.readString(log));
        assertThat(applied).hasSize(2);
        JsonNode injectors = applied.get(0);
        assertThat(injectors.at("/metadata/name").asText()).isEqualTo("llmload-injectors");
        assertThat(injectors.at("/spec/completions").asInt()).isEqualTo(5);
        assertThat(injectors.at("/spec/parallelism").asInt()).isEqualTo(5);
        JsonNode container = injectors.at("/spec/template/spec/containers/0");
        assertThat(env(container, "LLMLOAD_INJECTORS")).isEqualTo("5");
        assertThat(env(container, "TARGET_URL")).isEqualTo("http://10.0.0.7:8000/v1");
        assertThat(env(container, "SIMULATION")).isEqualTo("RunPodSoakSimulation");
        Instant startAt = Instant.parse(env(container, "LLMLOAD_START_AT"));
        assertThat(startAt).isBetween(before.plusSeconds(58), before.plusSeconds(63));
        assertThat(env(container, "LLMLOAD_RUN_ID")).startsWith("llmload-k8s-");
        JsonNode merge = applied.get(1);
        assertThat(merge.at("/metadata/name").asText()).isEqualTo("llmload-merge");
        assertThat(env(merge.at("/spec/template/spec/containers/0"), "LLMLOAD_INJECTORS")).isEqualTo("5");
        assertThat(env(merge.at("/spec/template/spec/containers/0"), "SIMULATION")).isEqualTo("RunPodSoakSimulation");
        String calls = Files.readString(dir.resolve("calls"));
        assertThat(calls).contains("kubectl -n loadtest wait --for=condition=complete --timeout=6h job/llmload-injectors",
                "kubectl -n loadtest logs job/llmload-merge");
        assertThat(calls.indexOf("job/llmload-injectors")).isLessThan(calls.indexOf("logs job/llmload-merge"));
    }
}
