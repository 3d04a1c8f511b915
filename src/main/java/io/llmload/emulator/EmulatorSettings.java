package io.llmload.emulator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import io.llmload.emulator.engine.EngineParameters;
import io.llmload.emulator.inference.InferenceServerSettings;
import io.llmload.emulator.runpod.RunPodSettings;

/**
 * Everything the emulator needs, read from an {@code emulator { ... }} HOCON section.
 * The emulator depends only on this record, never on the load side's configuration classes.
 */
public record EmulatorSettings(
        String host,
        int port,
        int ioThreads,
        IoThreadScheduling ioThreadScheduling,
        String modelName,
        long seed,
        String apiKey,
        EngineParameters engine,
        int answerTokensMean,
        int answerTokensSpread,
        UsagePlacement usagePlacement,
        FaultSettings faults,
        int groundTruthCapacity,
        RunPodSettings runPod,
        Flavour flavour,
        InferenceServerSettings inference,
        Reasoning reasoning,
        Map<String, Duration> adapters) {

    /** Whether {@code model} is served: the base model's name or one of its adapters'. */
    public boolean serves(String model) {
        return modelName.equals(model) || adapters.containsKey(model);
    }

    /** How long a request to {@code model} waits before the engine takes it (an adapter's load and swap), zero for the base model. */
    public Duration adapterLatency(String model) {
        return model == null ? Duration.ZERO : adapters.getOrDefault(model, Duration.ZERO);
    }

    /** A reasoning model's thinking: the first {@code tokens} of a chat answer, sent as {@code field} (0: none). */
    public record Reasoning(int tokens, String field) {
        static Reasoning parse(int tokens, String field) {
            if (tokens < 0) throw new IllegalArgumentException("emulator.reasoning-tokens must be >= 0, got " + tokens);
            if (!field.equals("reasoning_content") && !field.equals("reasoning")) {
                throw new IllegalArgumentException("emulator.reasoning-field must be reasoning_content or reasoning, got '" + field + "'");
            }
            return new Reasoning(tokens, field);
        }

        /** How many of an answer's {@code outputTokens} are reasoning: never its last one. */
        public int of(int outputTokens) {
            return Math.max(0, Math.min(tokens, outputTokens - 1));
        }
    }

    /** Which server the OpenAI-compatible paths imitate. */
    public enum Flavour {
        /** vLLM: completions and chat on a continuous-batching engine */
        VLLM,
        /** the tuning guide's inference server: embeddings, chat, vision, audio behind one limiter */
        INFERENCE_SERVER;

        static Flavour parse(String value) {
            return switch (value) {
                case "vllm" -> VLLM;
                case "inference-server" -> INFERENCE_SERVER;
                default -> throw new IllegalArgumentException("emulator.flavour must be vllm or inference-server, got '" + value + "'");
            };
        }
    }

    /** Where a streamed response carries {@code usage} when the client asks for it. */
    public enum UsagePlacement {
        /** vLLM / OpenAI: a final chunk with {@code "choices": []}. */
        SEPARATE_CHUNK,
        /** llama.cpp-style: inside the last content chunk. */
        LAST_CONTENT_CHUNK,
        /** a server that ignores {@code stream_options.include_usage}. */
        NEVER;

        static UsagePlacement parse(String value) {
            return switch (value) {
                case "separate-chunk" -> SEPARATE_CHUNK;
                case "last-content-chunk" -> LAST_CONTENT_CHUNK;
                case "never" -> NEVER;
                default -> throw new IllegalArgumentException(
                        "emulator.usage-placement must be separate-chunk, last-content-chunk or never, got '" + value + "'");
            };
        }
    }

    public static EmulatorSettings fromConfig(Config emulator, String modelName) {
        EngineParameters engine = new EngineParameters(
                emulator.getInt("max-num-seqs"),
                emulator.getInt("max-batched-tokens"),
                emulator.getInt("max-model-len"),
                emulator.getDuration("decode-step-base"),
                emulator.getDuration("decode-step-per-sequence"),
                emulator.getDuration("prefill-per-token"),
                emulator.getInt("prefix-cache-block-tokens"),
                emulator.getInt("prefix-cache-capacity-blocks"),
                emulator.getLong("kv-cache-capacity-tokens"));
        return new EmulatorSettings(
                emulator.getString("host"),
                emulator.getInt("port"),
                emulator.getInt("io-threads"),
                IoThreadScheduling.parse(emulator.getString("io-thread-scheduling")),
                modelName,
                emulator.getLong("seed"),
                emulator.getString("api-key"),
                engine,
                emulator.getInt("answer-tokens-mean"),
                emulator.getInt("answer-tokens-spread"),
                UsagePlacement.parse(emulator.getString("usage-placement")),
                FaultSettings.fromConfig(emulator.getConfig("faults")),
                emulator.getInt("ground-truth-capacity"),
                RunPodSettings.fromConfig(emulator.getConfig("runpod")),
                Flavour.parse(emulator.getString("flavour")),
                InferenceServerSettings.fromConfig(emulator.getConfig("inference")),
                Reasoning.parse(emulator.getInt("reasoning-tokens"), emulator.getString("reasoning-field")),
                adapters(emulator.getObject("adapters").toConfig()));
    }

    /** {@code adapters { "sql-lora" = 40ms }}: served names besides the base model's (LoRA adapters), each with its extra latency. */
    private static Map<String, Duration> adapters(Config adapters) {
        Map<String, Duration> out = new LinkedHashMap<>();
        for (String name : adapters.root().keySet()) {
            Duration latency = adapters.getDuration(ConfigUtil.joinPath(name));
            if (latency.isNegative()) throw new IllegalArgumentException("emulator.adapters." + name + " must be a duration >= 0");
            out.put(name, latency);
        }
        return Map.copyOf(out);
    }
}
