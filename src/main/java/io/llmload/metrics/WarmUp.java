package io.llmload.metrics;

import io.llmload.config.ConfigError;
import io.llmload.config.Keys;
import io.llmload.config.LlmloadConfig;

import java.time.Duration;

/**
 * Which requests of a level are its warm-up: sent and checked, but kept out of the level's
 * statistics and SLOs (cold connections, a server's cold caches). The first
 * {@code requestsPerUser × level} requests started at a level (at c=10 and 1 per user, the first
 * ten: one per slot of the closed model), and every request started within {@code duration} of the
 * level's first. An open model (level 0) has no users: only the duration applies.
 */
public record WarmUp(int requestsPerUser, Duration duration) {

    public static final WarmUp NONE = new WarmUp(0, Duration.ZERO);

    /** The warm-up of config section {@code section} ({@code news.warm-up}), or none when it is null. */
    public static WarmUp of(LlmloadConfig config, String section) {
        if (section == null) return NONE;
        Keys keys = config.section(section);
        int perUser = keys.integer("requests-per-user");
        if (perUser < 0) throw new ConfigError(keys.key("requests-per-user") + ": expected an integer >= 0, got " + perUser);
        return new WarmUp(perUser, keys.durationAtLeast("duration", Duration.ZERO));
    }

    /** Whether the {@code ordinal}-th request started at {@code level} (from 0), {@code sinceFirstNanos} after the first, is warm-up. */
    public boolean covers(int level, long ordinal, long sinceFirstNanos) {
        return ordinal < (long) requestsPerUser * level || sinceFirstNanos < duration.toNanos();
    }

    public boolean isNone() {
        return requestsPerUser == 0 && duration.isZero();
    }

    /** e.g. "the first request of each user, and the first 5 s, at each level". */
    public String describe() {
        String count = requestsPerUser == 0 ? "" : "the first " + (requestsPerUser == 1 ? "request" : requestsPerUser + " requests") + " of each user";
        String time = duration.isZero() ? "" : "the first " + Numbers.compact(duration.toMillis() / 1000.0) + " s";
        return count + (!count.isEmpty() && !time.isEmpty() ? " and " : "") + time + " at each level";
    }
}
