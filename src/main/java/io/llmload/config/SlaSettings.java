package io.llmload.config;

import java.time.Duration;
import java.util.List;

/** The {@code sla { ... }} section: a throughput run and the volumes projected against a completion window. */
public record SlaSettings(int concurrency, int requests, Duration duration, List<Long> volumes, Duration window,
                          String promptsFile, ApiStyle api, int maxTokens, boolean stream, String requestName) {

    public static SlaSettings from(Keys sla) {
        Duration duration = sla.duration("duration");
        if (duration.isNegative()) throw new ConfigError(sla.key("duration") + ": must not be negative (0 = run a number of requests)");
        List<Long> volumes = sla.positiveIntList("volumes").stream().map(Integer::longValue).toList();
        return new SlaSettings(sla.positiveInt("concurrency"), sla.positiveInt("requests"), duration, volumes,
                sla.positiveDuration("window"), sla.string("prompts"), sla.choice("api", ApiStyle.class),
                sla.positiveInt("max-tokens"), sla.bool("stream"), sla.nonBlank("request-name"));
    }

    public double windowHours() {
        return window.toMillis() / 3_600_000.0;
    }
}
