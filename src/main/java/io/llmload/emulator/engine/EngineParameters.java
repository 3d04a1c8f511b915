package io.llmload.emulator.engine;

import java.time.Duration;

/**
 * Cost model of a continuous-batching engine (vLLM-like).
 *
 * <p>Each engine step admits waiting sequences into free slots (at most {@code maxNumSeqs} running,
 * at most {@code maxBatchedTokens} prompt tokens prefilled per step), then every running sequence
 * receives exactly one token when the step ends. A step lasts
 * {@code decodeStepBase + decodeStepPerSequence * running + prefillPerToken * uncachedPromptTokensAdmitted}.
 */
public record EngineParameters(
        int maxNumSeqs,
        int maxBatchedTokens,
        int maxModelLen,
        Duration decodeStepBase,
        Duration decodeStepPerSequence,
        Duration prefillPerToken,
        int prefixCacheBlockTokens,
        int prefixCacheCapacityBlocks,
        long kvCacheCapacityTokens) {

    public EngineParameters {
        if (maxNumSeqs < 1) throw new IllegalArgumentException("max-num-seqs must be >= 1");
        if (maxBatchedTokens < 1) throw new IllegalArgumentException("max-batched-tokens must be >= 1");
        if (maxModelLen < 2) throw new IllegalArgumentException("max-model-len must be >= 2");
        if (decodeStepBase.isNegative() || decodeStepPerSequence.isNegative() || prefillPerToken.isNegative()) {
            throw new IllegalArgumentException("engine costs must not be negative");
        }
    }

    /** Step duration in nanoseconds for a batch of {@code running} sequences with {@code prefillTokens} to prefill. */
    public long stepNanos(int running, long prefillTokens) {
        return decodeStepBase.toNanos()
                + decodeStepPerSequence.toNanos() * running
                + prefillPerToken.toNanos() * prefillTokens;
    }

    public boolean prefixCacheEnabled() {
        return prefixCacheBlockTokens > 0 && prefixCacheCapacityBlocks > 0;
    }
}
