package io.llmload.tokenizer;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-side token counts of prompts, remembered by a 64-bit fingerprint of their text: a run
 * sends the same prompts of its deck again and again, and tokenising a 1,100-token prompt on every
 * request costs more CPU than the rest of the request's bookkeeping. Holds no text; once full it
 * counts without remembering (a run of ever-new prompts, such as growing conversations).
 */
public final class PromptTokenCounts {

    /** About 6 MB of entries at most. */
    private static final int MAX_ENTRIES = 1 << 16;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final TokenCounter tokens;
    private final ConcurrentHashMap<Long, Integer> counts = new ConcurrentHashMap<>();

    public PromptTokenCounts(TokenCounter tokens) {
        this.tokens = tokens;
    }

    public int count(String text) {
        Long key = fingerprint(text);
        Integer known = counts.get(key);
        if (known != null) return known;
        int counted = tokens.count(text);
        if (counts.size() < MAX_ENTRIES) counts.put(key, counted);
        return counted;
    }

    /** FNV-1a over the text's chars, then its length: two different prompts share one with a chance of about 2^-64. */
    static long fingerprint(String text) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return (hash ^ text.length()) * FNV_PRIME;
    }
}
