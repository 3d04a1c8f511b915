package io.llmload.run;

import io.llmload.metrics.Numbers;
import io.llmload.report.Section;

import java.time.Duration;

/** An open model's requested arrival rate beside the achieved one: all requests sent ÷ the injection duration. */
public record OpenLoadFidelity(double requestedRatePerS, Double achievedRatePerS) implements Section {

    public static OpenLoadFidelity of(double requestedRatePerSecond, long sent, Duration duration) {
        return new OpenLoadFidelity(requestedRatePerSecond, Numbers.round(sent / (duration.toMillis() / 1000.0)));
    }

    @Override
    public String key() {
        return "load_fidelity";
    }

    @Override
    public Place place() {
        return Place.UNDER_TABLE;
    }

    @Override
    public String markdown() {
        return "\nOpen model: requested " + Numbers.compact(requestedRatePerS) + " req/s, achieved " + achievedRatePerS
                + " req/s (all requests sent ÷ the injection duration).\n";
    }
}
