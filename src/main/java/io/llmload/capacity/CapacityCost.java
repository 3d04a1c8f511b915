package io.llmload.capacity;

import io.llmload.config.CostSettings;
import io.llmload.metrics.Numbers;
import io.llmload.report.Section;

import java.util.List;

/**
 * Throughput per unit of money at the capacity point, so two GPUs compare on cost and not only on
 * capacity: the mean over repeats of the requests/s and output tokens/s measured at each repeat's
 * capacity, per hour of the endpoint's configured price. Computed from measured figures and the
 * configured prices.
 */
public record CapacityCost(String currency, double endpointHour, Double requestsPerS, Double outputTokensPerS,
                           Double requestsPerCurrencyUnit, Double outputTokensPerCurrencyUnit, String basis) implements Section {

    /** Null when no repeat found a capacity. */
    public static CapacityCost of(CostSettings cost, CapacityResult result) {
        double rps = 0;
        double tps = 0;
        int found = 0;
        for (int r = 0; r < result.repeats().size(); r++) {
            int capacity = result.capacities().get(r);
            List<StepResult> at = result.repeats().get(r).stream().filter(s -> s.level() == capacity && s.passed()).toList();
            if (capacity == 0 || at.isEmpty()) continue;
            StepResult step = at.get(at.size() - 1);
            rps += step.requestsPerSecond();
            tps += step.outputTokensPerSecond();
            found++;
        }
        if (found == 0) return null;
        rps /= found;
        tps /= found;
        double hour = cost.endpointHour();
        return new CapacityCost(cost.currency(), hour, Numbers.round(rps), Numbers.round(tps), Numbers.round(rps * 3600 / hour),
                Numbers.round(tps * 3600 / hour), "computed from the throughput measured at the capacity point and the configured price of "
                + Numbers.compact(cost.gpuHour()) + " " + cost.currency() + " per GPU-hour x " + cost.gpus() + " GPU(s)");
    }

    @Override
    public String key() {
        return "capacity_cost";
    }

    @Override
    public String markdown() {
        return "\n## Throughput per " + currency + " at the capacity point\n\nComputed, not billed: " + basis + ".\n\n"
                + "- " + Numbers.fixed(requestsPerS, 2) + " req/s and " + Numbers.fixed(outputTokensPerS, 1) + " output tok/s at "
                + Numbers.compact(endpointHour) + " " + currency + " an hour: " + Numbers.thousands(Math.round(requestsPerCurrencyUnit))
                + " requests and " + Numbers.thousands(Math.round(outputTokensPerCurrencyUnit)) + " output tokens per " + currency + "\n";
    }
}
