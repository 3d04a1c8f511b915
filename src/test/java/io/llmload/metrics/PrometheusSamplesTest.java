package io.llmload.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusSamplesTest {

    @Test
    void parsesVllmAndDcgmExpositionText() {
        PrometheusSamples s = PrometheusSamples.parse("""
                # HELP vllm:num_requests_running Number of requests in model execution batches.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{model_name="Qwen/Qwen2.5-7B"} 12.0
                vllm:num_requests_waiting{model_name="Qwen/Qwen2.5-7B"} 3
                # TYPE vllm:e2e_request_latency_seconds histogram
                vllm:e2e_request_latency_seconds_bucket{le="+Inf",model_name="m"} 42
                DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-1",Hostname="h",modelName="NVIDIA L20"} 30512
                DCGM_FI_DEV_FB_USED{gpu="1",UUID="GPU-2",Hostname="h",modelName="NVIDIA L20"} 1000 1700000000000
                odd_label{path="a \\"quoted\\" \\\\ value, with comma"} NaN
                no_labels +Inf
                """);
        assertThat(s.sum("vllm:num_requests_running")).isEqualTo(12.0);
        assertThat(s.sum("vllm:num_requests_waiting")).isEqualTo(3.0);
        assertThat(s.type("vllm:e2e_request_latency_seconds")).isEqualTo("histogram");
        assertThat(s.sum("DCGM_FI_DEV_FB_USED")).isEqualTo(31512.0);
        assertThat(s.sum("DCGM_FI_DEV_FB_USED", "gpu", "1")).isEqualTo(1000.0);
        assertThat(s.samples().stream().filter(x -> x.name().equals("odd_label")).findFirst().orElseThrow().labels().get("path"))
                .isEqualTo("a \"quoted\" \\ value, with comma");
        assertThat(s.sum("no_labels")).isInfinite();
        assertThat(s.sum("absent")).isNaN();
    }

    @Test
    void aBrokenLineIsNamed() {
        assertThatThrownBy(() -> PrometheusSamples.parse("ok 1\nbroken{label=\"x\" 2\n"))
                .hasMessageStartingWith("Prometheus text line 2: ");
    }

    /** llama.cpp prints a ratio of 0/0 as C++ does: a scrape with it must not fail (it did, before any request ran). */
    @Test
    void llamaCppsNanAndInfValuesParse() {
        PrometheusSamples s = PrometheusSamples.parse("""
                # HELP llamacpp:prompt_tokens_seconds Average prompt throughput in tokens/s.
                # TYPE llamacpp:prompt_tokens_seconds gauge
                llamacpp:prompt_tokens_seconds -nan
                llamacpp:predicted_tokens_seconds nan
                llamacpp:n_busy_slots_per_decode inf
                llamacpp:requests_processing 0
                """);
        assertThat(s.sum("llamacpp:prompt_tokens_seconds")).isNaN();
        assertThat(s.sum("llamacpp:n_busy_slots_per_decode")).isInfinite();
        assertThat(s.sum("llamacpp:requests_processing")).isZero();
    }
}
