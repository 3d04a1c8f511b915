package io.llmload.run;

import io.llmload.config.CostSettings;
import io.llmload.metrics.LevelStats;
import io.llmload.metrics.Numbers;
import io.llmload.report.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * What the measured throughput costs at the configured GPU price: per level, the price of 1,000
 * requests and of a million output tokens, had the endpoint run at that level's rate for an hour.
 * Every figure is computed from measured figures and the configured prices.
 */
public record CostSection(String basis, String currency, double endpointHour, List<Level> levels) implements Section {

    /** Prices of a few requests are fractions of a cent. */
    static final int PRICE_DECIMALS = 6;

    public record Level(int level, Double per1000Requests, Double perMillionOutputTokens) {
    }

    public static CostSection of(CostSettings cost, List<LevelStats> measured) {
        List<Level> levels = new ArrayList<>();
        for (LevelStats s : measured) {
            if (s.requests() == 0) continue;
            levels.add(new Level(s.level(), Numbers.round(per(cost.endpointHour(), s.requestsPerSecond(), 1_000), PRICE_DECIMALS),
                    Numbers.round(per(cost.endpointHour(), s.outputTokensPerSecond(), 1_000_000), PRICE_DECIMALS)));
        }
        return new CostSection("computed from the measured throughput and the configured price of " + Numbers.compact(cost.gpuHour())
                + " " + cost.currency() + " per GPU-hour x " + cost.gpus() + " GPU(s)", cost.currency(), cost.endpointHour(), levels);
    }

    /** The price of {@code units} at {@code perSecond} for an endpoint costing {@code hourly} an hour. */
    static double per(double hourly, double perSecond, double units) {
        return perSecond <= 0 ? Double.NaN : hourly / (perSecond * 3600) * units;
    }

    @Override
    public String key() {
        return "cost";
    }

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("\n## Cost\n\nComputed, not billed: ").append(basis).append(".\n\n")
                .append("| level | per 1,000 requests | per million output tokens |\n|---|---|---|\n");
        for (Level l : levels) {
            md.append("| ").append(l.level()).append(" | ").append(Numbers.fixed(l.per1000Requests(), 4)).append(' ').append(currency)
              .append(" | ").append(Numbers.fixed(l.perMillionOutputTokens(), 4)).append(' ').append(currency).append(" |\n");
        }
        return md.toString();
    }
}
