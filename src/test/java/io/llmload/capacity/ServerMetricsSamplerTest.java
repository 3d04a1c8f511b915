package io.llmload.capacity;

import com.sun.net.httpserver.HttpServer;
import io.llmload.client.ReadLimits;
import io.llmload.config.CapacitySettings;
import io.llmload.config.GoodputCriteria;
import io.llmload.metrics.LlmMetrics;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** vLLM and DCGM-exporter metrics scraped during a step end up in that step's result. */
class ServerMetricsSamplerTest {

    @Test
    void recordsVllmAndGpuMetricsPerStep() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve(server, "/metrics", """
                vllm:num_requests_running{model_name="m"} 14
                vllm:num_requests_waiting{model_name="m"} 2
                vllm:gpu_cache_usage_perc{model_name="m"} 0.375
                """);
        serve(server, "/dcgm", """
                DCGM_FI_DEV_FB_USED{gpu="0",modelName="NVIDIA A10"} 20480
                DCGM_FI_DEV_GPU_UTIL{gpu="0",modelName="NVIDIA A10"} 97
                """);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        CapacitySettings settings = new CapacitySettings(15, 5, 15, Duration.ofSeconds(1), Duration.ofMillis(3810), 2, 1, false,
                "r", false, 10, "", "", Duration.ofMillis(50));
        CapacitySearch search = new CapacitySearch(settings, CapacitySearch.p95Criterion(3810), new LlmMetrics(GoodputCriteria.NONE), r -> "r r" + r);
        try (ServerMetricsSampler sampler = new ServerMetricsSampler(search, URI.create(base + "/metrics"),
                URI.create(base + "/dcgm"), Duration.ofMillis(50), ReadLimits.DEFAULT.maxBodyBytes())) {
            assertThat(search.levelFor(0, 0)).isEqualTo(15);
            sampler.start();
            Thread.sleep(400);
        } finally {
            server.stop(0);
        }
        Map<String, Double> step = search.finish().repeats().get(0).get(0).serverMetrics();
        assertThat(step).containsEntry("vllm_running_max", 14.0).containsEntry("vllm_waiting_mean", 2.0)
                .containsEntry("vllm_kv_cache_usage_max", 0.375)
                .containsEntry("gpu_memory_used_mib_max", 20480.0).containsEntry("gpu_utilization_pct_mean", 97.0);
    }

    private static void serve(HttpServer server, String path, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }
}
