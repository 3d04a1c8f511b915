package io.llmload.emulator.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Automatic prefix caching at block granularity, as vLLM does it: a prompt's leading full blocks
 * whose chained hashes are already cached skip prefill. LRU eviction. Engine-thread only.
 */
final class PrefixCache {

    private final int capacityBlocks;
    private final LinkedHashMap<Long, Boolean> blocks;

    PrefixCache(int capacityBlocks) {
        this.capacityBlocks = capacityBlocks;
        this.blocks = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > PrefixCache.this.capacityBlocks;
            }
        };
    }

    /** Number of leading blocks already cached. */
    int lookup(long[] blockHashes) {
        int hits = 0;
        while (hits < blockHashes.length && blocks.get(blockHashes[hits]) != null) {
            hits++;
        }
        return hits;
    }

    void insert(long[] blockHashes) {
        for (long hash : blockHashes) {
            blocks.put(hash, Boolean.TRUE);
        }
    }

    /** Chained hashes of each full block of {@code blockTokens} token ids. */
    static long[] blockHashes(int[] tokenIds, int blockTokens) {
        int fullBlocks = tokenIds.length / blockTokens;
        long[] out = new long[fullBlocks];
        long hash = 0x9E3779B97F4A7C15L;
        for (int b = 0; b < fullBlocks; b++) {
            for (int i = b * blockTokens; i < (b + 1) * blockTokens; i++) {
                hash = (hash ^ tokenIds[i]) * 0x100000001B3L;
                hash ^= hash >>> 29;
            }
            out[b] = hash;
        }
        return out;
    }
}
