package io.llmload.run;

import io.llmload.metrics.Numbers;
import io.llmload.report.Section;

import java.util.List;

/**
 * An open model's load fidelity per step: the rate asked for, the rate the requests were sent at, and
 * how late they were sent after their scheduled arrivals (a pool with no free user, a busy injector).
 */
public record RateStepsSection(List<Row> steps) implements Section {

    /** {@code requestedRatePerS} null: as fast as the pool allows (a sweep's synchronous and throughput steps). */
    public record Row(int step, String name, Double requestedRatePerS, long sent, Double sentRatePerS, int pool,
                      Double lagP50Ms, Double lagP99Ms, Double lagMaxMs) {
    }

    @Override
    public String key() {
        return "load_steps";
    }

    @Override
    public Place place() {
        return Place.UNDER_TABLE;
    }

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("\n### Load fidelity per step\n\n"
                + "| step | requested req/s | sent | sent req/s | pool | scheduling lag p50 ms | p99 ms | max ms |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Row r : steps) {
            md.append("| ").append(r.step()).append(" (").append(r.name()).append(") | ")
              .append(r.requestedRatePerS() == null ? "as fast as the pool" : Numbers.compact(r.requestedRatePerS())).append(" | ")
              .append(r.sent()).append(" | ").append(Numbers.fixed(r.sentRatePerS(), 2)).append(" | ").append(r.pool()).append(" | ")
              .append(Numbers.fixed(r.lagP50Ms(), 1)).append(" | ").append(Numbers.fixed(r.lagP99Ms(), 1)).append(" | ")
              .append(Numbers.fixed(r.lagMaxMs(), 1)).append(" |\n");
        }
        return md.append("\nScheduling lag: how late a request was sent after its drawn arrival time (no free user in the pool, a busy injector).\n")
                .toString();
    }

    @Override
    public String console() {
        StringBuilder out = new StringBuilder();
        for (Row r : steps) {
            out.append("  step ").append(r.step()).append(" (").append(r.name()).append("): sent ").append(r.sent()).append(" at ")
               .append(Numbers.fixed(r.sentRatePerS(), 2)).append(" req/s")
               .append(r.requestedRatePerS() == null ? "" : " of " + Numbers.compact(r.requestedRatePerS()) + " asked")
               .append(", scheduling lag p99 ").append(Numbers.fixed(r.lagP99Ms(), 1)).append(" ms\n");
        }
        return out.toString();
    }
}
