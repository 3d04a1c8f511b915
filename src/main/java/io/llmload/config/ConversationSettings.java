package io.llmload.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code conversation { ... }} workload section: multi-turn chat. */
public record ConversationSettings(List<Integer> levels, Duration holdTime, int turns, Duration thinkTime, int maxTokens,
                                   double temperature, boolean stream, String openersFile, String followUpsFile, String shareGptFile) {

    public static final String SHAREGPT_KEY = "conversation.feeder.sharegpt";

    public static ConversationSettings from(Keys conversation) {
        return new ConversationSettings(
                conversation.positiveIntList("levels"),
                conversation.positiveDuration("hold-time"),
                conversation.positiveInt("turns"),
                conversation.durationAtLeast("think-time", Duration.ZERO),
                conversation.positiveInt("max-tokens"),
                conversation.number("temperature"),
                conversation.bool("stream"),
                conversation.nonBlank("feeder.openers"),
                conversation.nonBlank("feeder.follow-ups"),
                conversation.string("feeder.sharegpt").trim());
    }

    /** The request name of turn {@code k} (from 1): each turn has statistics of its own. */
    public static String turnName(int k) {
        return "turn " + k;
    }

    /** Every turn's request name, the first turn's first. */
    public List<String> turnNames() {
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= turns; k++) out.add(turnName(k));
        return out;
    }
}
