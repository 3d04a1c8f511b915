package io.llmload.config;

import java.time.Duration;

/**
 * How the run is watched while it runs: alert bands evaluated every {@code alertInterval} over the
 * last {@code alertWindow} (with at least {@code alertMinRequests} in it), and the early stop
 * ({@code abort.*}): more than {@code abortErrorPercent} of the last {@code abortWindow}'s requests
 * failed (with at least {@code abortMinRequests}), or none succeeded for {@code abortNoSuccessFor}.
 */
public record LiveSettings(Duration alertInterval, Duration alertWindow, int alertMinRequests,
                           double abortErrorPercent, Duration abortWindow, int abortMinRequests, Duration abortNoSuccessFor) {

    public static LiveSettings from(Keys alerts, Keys abort) {
        Duration interval = alerts.positiveDuration("interval");
        Duration window = alerts.positiveDuration("window");
        if (window.compareTo(interval) < 0) {
            throw new ConfigError(alerts.key("window") + ": " + window.toMillis() + " ms is shorter than alerts.interval (" + interval.toMillis() + " ms)");
        }
        double errorPercent = abort.number("max-error-share");
        if (errorPercent <= 0 || errorPercent > 100) {
            throw new ConfigError(abort.key("max-error-share") + ": expected a percentage in (0, 100] (100 = off), got " + errorPercent);
        }
        int alertMin = alerts.positiveInt("min-requests");
        return new LiveSettings(interval, window, alertMin, errorPercent, abort.positiveDuration("window"),
                abort.positiveInt("min-requests"), abort.durationAtLeast("no-success-for", Duration.ZERO));
    }

    public boolean abortOnErrors() {
        return abortErrorPercent < 100;
    }
}
