package io.llmload.capacity;

import io.llmload.metrics.LevelStats;
import io.llmload.report.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.llmload.metrics.Numbers.round;

/**
 * A throughput run's projection onto each volume against the completion window: the measured
 * rate, and per volume the projected time, whether it fits and the safety margin, every row
 * labelled as a projection from the measured figures.
 */
public record SlaSection(int concurrency, long requests, Double successPct, Double requestsPerS, Double outputTokensPerS,
                         Double p95Ms, String basis, List<Projection> projections) implements Section {

    public record Projection(long volume, Double projectedHours, Double windowHours, boolean compliant, Double safetyMarginPct) {
    }

    public static SlaSection of(LevelStats measured, int concurrency, List<SlaProjection> projections) {
        List<Projection> rows = new ArrayList<>();
        for (SlaProjection p : projections) {
            rows.add(new Projection(p.volume(), round(p.hours()), round(p.windowHours()), p.compliant(), round(p.marginPercent())));
        }
        String basis = String.format(Locale.ROOT, "projection from a measured %.2f req/s (%d requests at concurrency %d, %.1f %% OK)",
                measured.requestsPerSecond(), measured.requests(), concurrency, measured.successPercent());
        return new SlaSection(concurrency, measured.requests(), round(measured.successPercent()), round(measured.requestsPerSecond()),
                round(measured.outputTokensPerSecond()), round(measured.e2e().percentileMillis(95)), basis, rows);
    }

    @Override
    public String key() {
        return "sla";
    }
}
