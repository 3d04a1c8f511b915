package io.llmload.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/** Each server's /metrics, written from its documented names, read under the suite's names. */
class ServerMetricNamesTest {

    private static PrometheusSamples text(String server) throws IOException {
        try (var in = ServerMetricNamesTest.class.getResourceAsStream("/prometheus/" + server + ".txt")) {
            return PrometheusSamples.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void vllm() throws IOException {
        assertThat(ServerMetricNames.server(text("vllm"))).containsOnly(
                entry(ServerMetricNames.RUNNING, 12.0), entry(ServerMetricNames.WAITING, 3.0), entry(ServerMetricNames.KV_CACHE_PCT, 42.0),
                entry(ServerMetricNames.PREFIX_HITS, 66000.0), entry(ServerMetricNames.PREFIX_QUERIES, 120000.0),
                entry(ServerMetricNames.PROMPT_TOKENS, 131000.0), entry(ServerMetricNames.GENERATION_TOKENS, 20000.0));
    }

    @Test
    void llamaCpp() throws IOException {
        assertThat(ServerMetricNames.server(text("llamacpp"))).containsOnly(
                entry(ServerMetricNames.RUNNING, 2.0), entry(ServerMetricNames.WAITING, 1.0), entry(ServerMetricNames.KV_CACHE_PCT, 25.0),
                entry(ServerMetricNames.PROMPT_TOKENS, 5324.0), entry(ServerMetricNames.GENERATION_TOKENS, 1800.0));
    }

    @Test
    void tgi() throws IOException {
        assertThat(ServerMetricNames.server(text("tgi"))).containsOnly(
                entry(ServerMetricNames.RUNNING, 8.0), entry(ServerMetricNames.WAITING, 4.0),
                entry(ServerMetricNames.PROMPT_TOKENS, 9000.0), entry(ServerMetricNames.GENERATION_TOKENS, 1500.0));
    }

    @Test
    void sglang() throws IOException {
        Map<String, Double> read = ServerMetricNames.server(text("sglang"));
        assertThat(read).containsEntry(ServerMetricNames.RUNNING, 5.0).containsEntry(ServerMetricNames.WAITING, 0.0)
                .containsEntry(ServerMetricNames.PROMPT_TOKENS, 4000.0).containsEntry(ServerMetricNames.GENERATION_TOKENS, 900.0)
                .doesNotContainKey(ServerMetricNames.PREFIX_HITS);
        assertThat(read.get(ServerMetricNames.KV_CACHE_PCT)).isCloseTo(31.0, within(1e-9));
        assertThat(read.get(ServerMetricNames.PREFIX_HIT_PCT)).isCloseTo(55.0, within(1e-9));
    }

    @Test
    void dcgmOverTwoGpus() throws IOException {
        Map<String, Double> gpu = ServerMetricNames.gpu(text("dcgm"));
        assertThat(gpu.get(ServerMetricNames.GPU_MEMORY_MIB)).isEqualTo(70000.0);
        assertThat(gpu.get(ServerMetricNames.GPU_MEMORY_PCT)).isCloseTo(70.0, within(1e-9));   // 70,000 of 100,000 MiB
        assertThat(gpu.get(ServerMetricNames.GPU_UTIL_PCT)).isEqualTo(80.0);
        assertThat(ServerMetricNames.gpu(text("vllm"))).isEmpty();
    }
}
