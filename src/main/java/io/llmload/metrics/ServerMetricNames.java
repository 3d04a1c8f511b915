package io.llmload.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an inference server's Prometheus {@code /metrics} says, under one set of names whatever the
 * server: vLLM ({@code vllm:*}), llama.cpp's {@code llama-server --metrics} ({@code llamacpp:*}),
 * Hugging Face TGI ({@code tgi_*}) and SGLang ({@code sglang:*}), plus NVIDIA's DCGM exporter for the
 * GPU. A figure the server does not export is absent (the summary says "not exposed").
 */
public final class ServerMetricNames {

    public static final String RUNNING = "running_requests";
    public static final String WAITING = "waiting_requests";
    public static final String KV_CACHE_PCT = "kv_cache_usage_pct";
    public static final String PREFIX_HITS = "prefix_cache_hit_tokens_total";
    public static final String PREFIX_QUERIES = "prefix_cache_query_tokens_total";
    public static final String PREFIX_HIT_PCT = "prefix_cache_hit_pct";
    public static final String PROMPT_TOKENS = "prompt_tokens_total";
    public static final String GENERATION_TOKENS = "generation_tokens_total";
    public static final String GPU_MEMORY_PCT = "gpu_memory_used_pct";
    public static final String GPU_MEMORY_MIB = "gpu_memory_used_mib";
    public static final String GPU_UTIL_PCT = "gpu_utilization_pct";

    /** Our name → the families that carry it, first present wins, and the factor to our unit. */
    private record Source(String family, double factor) {
    }

    private static final Map<String, List<Source>> SERVER = new LinkedHashMap<>();

    static {
        SERVER.put(RUNNING, List.of(new Source("vllm:num_requests_running", 1), new Source("llamacpp:requests_processing", 1),
                new Source("tgi_batch_current_size", 1), new Source("sglang:num_running_reqs", 1)));
        SERVER.put(WAITING, List.of(new Source("vllm:num_requests_waiting", 1), new Source("llamacpp:requests_deferred", 1),
                new Source("tgi_queue_size", 1), new Source("sglang:num_queue_reqs", 1)));
        SERVER.put(KV_CACHE_PCT, List.of(new Source("vllm:kv_cache_usage_perc", 100), new Source("vllm:gpu_cache_usage_perc", 100),
                new Source("llamacpp:kv_cache_usage_ratio", 100), new Source("sglang:token_usage", 100)));
        SERVER.put(PREFIX_HITS, List.of(new Source("vllm:prefix_cache_hits_total", 1)));
        SERVER.put(PREFIX_QUERIES, List.of(new Source("vllm:prefix_cache_queries_total", 1)));
        // SGLang exports the hit rate itself (a gauge of 0..1)
        SERVER.put(PREFIX_HIT_PCT, List.of(new Source("sglang:cache_hit_rate", 100)));
        SERVER.put(PROMPT_TOKENS, List.of(new Source("vllm:prompt_tokens_total", 1), new Source("llamacpp:prompt_tokens_total", 1),
                new Source("tgi_request_input_length_sum", 1), new Source("sglang:prompt_tokens_total", 1)));
        SERVER.put(GENERATION_TOKENS, List.of(new Source("vllm:generation_tokens_total", 1), new Source("llamacpp:tokens_predicted_total", 1),
                new Source("tgi_request_generated_tokens_sum", 1), new Source("sglang:generation_tokens_total", 1)));
    }

    private ServerMetricNames() {
    }

    /** The server's figures in our names (only those it exports). */
    public static Map<String, Double> server(PrometheusSamples samples) {
        Map<String, Double> out = new LinkedHashMap<>();
        SERVER.forEach((name, sources) -> {
            for (Source source : sources) {
                double v = samples.sum(source.family());
                if (!Double.isNaN(v)) {
                    out.put(name, v * source.factor());
                    break;
                }
            }
        });
        return out;
    }

    /** A DCGM exporter's GPU figures: memory used (MiB and % of the frame buffer) and utilisation, over all GPUs. */
    public static Map<String, Double> gpu(PrometheusSamples samples) {
        Map<String, Double> out = new LinkedHashMap<>();
        double used = samples.sum("DCGM_FI_DEV_FB_USED");
        double free = samples.sum("DCGM_FI_DEV_FB_FREE");
        if (!Double.isNaN(used)) {
            out.put(GPU_MEMORY_MIB, used);
            if (!Double.isNaN(free) && used + free > 0) out.put(GPU_MEMORY_PCT, 100 * used / (used + free));
        }
        double util = samples.sum("DCGM_FI_DEV_GPU_UTIL");
        int gpus = (int) samples.samples().stream().filter(s -> s.name().equals("DCGM_FI_DEV_GPU_UTIL")).count();
        if (!Double.isNaN(util) && gpus > 0) out.put(GPU_UTIL_PCT, util / gpus);
        return out;
    }
}
