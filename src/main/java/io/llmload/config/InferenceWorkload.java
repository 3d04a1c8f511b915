package io.llmload.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code inference { ... }} workload section: the inference server's models, the feeders,
 * each capability's benchmark shape and the mixed-traffic model.
 */
public record InferenceWorkload(String embeddingModel, String chatModel, String audioModel,
                                String embeddingTexts, String chatPrompts, String imagesDir, String audioDir,
                                int embeddingInputs, double repeatShare, int hotSetSize, int embeddingDimension,
                                int embeddingRequests, int embeddingConcurrency,
                                boolean chatStream, int chatMaxTokens, double chatTemperature, int chatRequests, int chatConcurrency,
                                int visionRequests, int visionConcurrency, int audioRequests, int audioConcurrency,
                                MixedModel mixedModel, double mixedRate, int mixedConcurrency, Duration mixedDuration,
                                Map<String, Integer> weights, boolean requireWarm, Duration metricsInterval) {

    public static final String EMBEDDINGS = "embeddings";
    public static final String CHAT = "chat";
    public static final String VISION = "vision";
    public static final String AUDIO = "audio";

    /** open: Poisson arrivals at a rate; closed: a number of users in flight. */
    public enum MixedModel { OPEN, CLOSED }

    public static InferenceWorkload from(Keys k) {
        double repeat = k.fraction("embeddings.repeat-share");
        Keys w = k.section("mixed.weights");
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String capability : new String[]{EMBEDDINGS, CHAT, VISION, AUDIO}) {
            int weight = w.integer(capability);
            if (weight < 0) throw new ConfigError(w.key(capability) + ": must be >= 0");
            weights.put(capability, weight);
        }
        if (weights.values().stream().mapToInt(Integer::intValue).sum() != 100) {
            throw new ConfigError(k.key("mixed.weights") + ": the weights must add up to 100, got " + weights);
        }
        double rate = k.number("mixed.rate");
        if (rate <= 0) throw new ConfigError(k.key("mixed.rate") + ": must be > 0 requests per second");
        return new InferenceWorkload(k.string("models.embedding"), k.string("models.chat"), k.string("models.audio"),
                k.string("feeders.embedding-texts"), k.string("feeders.chat-prompts"), k.string("feeders.images"),
                k.string("feeders.audio"),
                k.positiveInt("embeddings.inputs-per-request"), repeat, k.positiveInt("embeddings.hot-set"),
                k.integer("embeddings.dimension"), k.positiveInt("embeddings.requests"), k.positiveInt("embeddings.concurrency"),
                k.bool("chat.stream"), k.positiveInt("chat.max-tokens"), k.number("chat.temperature"), k.positiveInt("chat.requests"), k.positiveInt("chat.concurrency"),
                k.positiveInt("vision.requests"), k.positiveInt("vision.concurrency"),
                k.positiveInt("audio.requests"), k.positiveInt("audio.concurrency"),
                k.choice("mixed.model", MixedModel.class), rate, k.positiveInt("mixed.concurrency"),
                k.positiveDuration("mixed.duration"), weights, k.bool("require-warm"), k.duration("metrics-interval"));
    }
}
