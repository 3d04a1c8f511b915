package io.llmload.prompts;

import io.llmload.config.InjectorSettings;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Real conversations for the multi-turn workload: from a ShareGPT file, the first N human turns of
 * each conversation that has at least N; a virtual user takes one conversation and asks its turns in
 * order ({@link #TURNS_ATTRIBUTE}: the list, turn k at k − 1). Conversations are dealt round-robin.
 */
public final class ShareGptConversations {

    public static final String TURNS_ATTRIBUTE = "llmload.turns";
    /** Conversations read at most: the public ShareGPT file has ~90,000. */
    private static final int MAX_CONVERSATIONS = 10_000;

    private final List<List<String>> conversations;

    private ShareGptConversations(List<List<String>> conversations) {
        this.conversations = conversations;
    }

    public static ShareGptConversations load(String key, String file, int turns) {
        return new ShareGptConversations(ShareGptFile.humanTurns(key, file, turns, MAX_CONVERSATIONS));
    }

    /** This injector's slice of the conversations, round-robin. */
    public Iterator<Map<String, Object>> feeder(InjectorSettings injector) {
        return EndlessFeeder.of(injector, n -> Map.of(TURNS_ATTRIBUTE, conversations.get((int) (n % conversations.size()))));
    }
}
