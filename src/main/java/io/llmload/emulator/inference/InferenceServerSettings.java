package io.llmload.emulator.inference;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * The emulated multi-capability inference server of docs/workloads.md
 * ({@code emulator.inference { ... }}): its global limiter, per-capability micro-batching, input
 * guards, timeouts, embedding cache, warm-up, and the cost of each kind of forward pass.
 */
public record InferenceServerSettings(
        int maxConcurrent, int maxQueueSize, int audioMaxConcurrent, int maxTextChars, long maxAudioBytes,
        Duration warmupDuration, boolean healthy,
        String embeddingModel, String chatModel, String audioModel,
        boolean embeddingBatching, Duration embeddingBatchWindow, int embeddingBatchMaxSize,
        Duration embeddingBaseCost, Duration embeddingPerItemCost, Duration embeddingPerCharCost,
        int embeddingDimension, int embeddingCacheSize, Duration embeddingTimeout,
        boolean chatBatching, Duration chatBatchWindow, int chatBatchMaxSize, int chatBatchQueueSize,
        Duration chatPrefillCost, Duration chatPerTokenCost, Duration chatVisionCost, int chatMaxPromptTokens,
        int chatAnswerTokensMean, Duration chatTimeout, int chatOomEvery, int chatRequeueEvery,
        Duration audioBaseCost, double audioRealTimeFactor, Duration audioTimeout) {

    public static InferenceServerSettings fromConfig(Config c) {
        String health = c.getString("health-status");
        if (!health.equals("ok") && !health.equals("unhealthy")) {
            throw new IllegalArgumentException("emulator.inference.health-status must be ok or unhealthy, got '" + health + "'");
        }
        InferenceServerSettings s = new InferenceServerSettings(
                c.getInt("max-concurrent"), c.getInt("max-queue-size"), c.getInt("audio-max-concurrent"),
                c.getInt("max-text-chars"), c.getBytes("max-audio-bytes"), c.getDuration("warmup-duration"),
                health.equals("ok"),
                c.getString("models.embedding"), c.getString("models.chat"), c.getString("models.audio"),
                c.getBoolean("embedding.batching"), c.getDuration("embedding.batch-window"), c.getInt("embedding.batch-max-size"),
                c.getDuration("embedding.base-cost"), c.getDuration("embedding.per-item-cost"), c.getDuration("embedding.per-char-cost"),
                c.getInt("embedding.dimension"), c.getInt("embedding.cache-size"), c.getDuration("embedding.generate-timeout"),
                c.getBoolean("chat.batching"), c.getDuration("chat.batch-window"), c.getInt("chat.batch-max-size"),
                c.getInt("chat.batch-queue-size"), c.getDuration("chat.prefill-cost"), c.getDuration("chat.per-token-cost"),
                c.getDuration("chat.vision-cost"), c.getInt("chat.max-prompt-tokens"), c.getInt("chat.answer-tokens-mean"),
                c.getDuration("chat.generate-timeout"), c.getInt("chat.oom-every"), c.getInt("chat.requeue-every"),
                c.getDuration("audio.base-cost"), c.getDouble("audio.real-time-factor"), c.getDuration("audio.process-timeout"));
        if (s.maxConcurrent < 1 || s.audioMaxConcurrent < 1) throw new IllegalArgumentException("emulator.inference: max-concurrent and audio-max-concurrent must be >= 1");
        if (s.maxQueueSize < 0) throw new IllegalArgumentException("emulator.inference.max-queue-size must be >= 0");
        if (s.embeddingBatchMaxSize < 1 || s.chatBatchMaxSize < 1) throw new IllegalArgumentException("emulator.inference: batch sizes must be >= 1");
        return s;
    }
}
