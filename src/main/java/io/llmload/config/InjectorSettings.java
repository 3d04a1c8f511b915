package io.llmload.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Which share of a scaled-out test this process runs ({@code injector.*}): injector {@code index} of
 * {@code count}, starting its first level at the agreed {@code startAt}. One injector ({@code count}
 * 1) runs everything and starts at once. {@code statsThreads}: how Linux schedules Gatling's stats
 * threads against the event loops that time the requests; {@code jitThreads}: how it schedules the
 * JVM's JIT compiler threads while the injector uses less than {@code jitIdleBelow} of its cores.
 */
public record InjectorSettings(int count, int index, Instant startAt, Duration levelGap, Duration maxSkew, Duration levelStartSpread,
                               StatsThreadScheduling statsThreads, JitThreadScheduling jitThreads, double jitIdleBelow) {

    public static final InjectorSettings SINGLE = new InjectorSettings(1, 0, null, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO,
            StatsThreadScheduling.NORMAL, JitThreadScheduling.NORMAL, 0);

    /** {@code injector.stats-thread-scheduling}. */
    public enum StatsThreadScheduling {
        /** as every other thread */
        NORMAL,
        /** Linux's SCHED_BATCH: woken by a logged response, they wait for the event loop instead of preempting it */
        BATCH
    }

    /** {@code injector.jit-thread-scheduling}. */
    public enum JitThreadScheduling {
        /** as every other thread */
        NORMAL,
        /** Linux's SCHED_IDLE while the injector is light: a compile never holds a core an event loop wants */
        IDLE
    }

    public static InjectorSettings from(Keys injector) {
        int count = injector.integer("count");
        if (count < 1) throw new ConfigError(injector.key("count") + ": expected an integer >= 1, got " + count);
        int index = injector.integer("index");
        if (index < 0 || index >= count) {
            throw new ConfigError(injector.key("index") + ": expected 0 .. " + (count - 1) + " (injector.count is " + count + "), got " + index);
        }
        String at = injector.string("start-at").trim();
        Instant startAt = null;
        if (!at.isEmpty()) {
            try {
                startAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                throw new ConfigError(injector.key("start-at") + ": expected an ISO-8601 UTC instant such as 2026-12-02T03:00:00Z, got '" + at + "'");
            }
        } else if (count > 1) {
            throw new ConfigError(injector.key("start-at") + ": required when injector.count > 1 (the instant every injector starts at, "
                    + "e.g. -Dinjector.start-at=$(date -u -d '+30 sec' +%FT%TZ))");
        }
        return new InjectorSettings(count, index, startAt, injector.durationAtLeast("level-gap", Duration.ZERO),
                injector.positiveDuration("max-skew"), injector.durationAtLeast("level-start-spread", Duration.ZERO),
                injector.choice("stats-thread-scheduling", StatsThreadScheduling.class),
                injector.choice("jit-thread-scheduling", JitThreadScheduling.class), injector.fraction("jit-idle-below"));
    }

    /** Whether several injectors share the test. */
    public boolean scaledOut() {
        return count > 1;
    }

    /** This injector's part of {@code total} users (or requests): an even split, the remainder to the lowest indexes. */
    public int share(int total) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /** This injector's part of an open rate. */
    public double share(double rate) {
        return rate / count;
    }

    /** The name this injector's results and InfluxDB points carry. */
    public String id() {
        return "injector-" + index;
    }
}
