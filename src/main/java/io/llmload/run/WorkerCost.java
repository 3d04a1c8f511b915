package io.llmload.run;

import io.llmload.client.runpod.HealthSeries;
import io.llmload.config.CostSettings;
import io.llmload.metrics.Numbers;
import io.llmload.report.Section;

import java.util.List;

/**
 * What a serverless endpoint's workers cost, from its /health time series and the configured
 * prices: the flex worker-hours of the run (workers starting or running, between polls) and their
 * price, the worker starts seen (cold starts), and what {@code cost.active-workers} always-on
 * workers would cost a month instead. Computed from measured figures and the configured prices.
 */
public record WorkerCost(String currency, Double flexWorkerHours, Double runCost, int workerStarts, int activeWorkers,
                         Double activeWorkersPerMonth, String basis) implements Section {

    public static WorkerCost of(CostSettings cost, List<HealthSeries.Sample> samples) {
        double workerSeconds = 0;
        int starts = 0;
        HealthSeries.Sample previous = null;
        for (HealthSeries.Sample s : samples) {
            if (s.error() != null) continue;
            if (previous != null) {
                // a worker billed over the interval is one the previous poll saw starting or running
                workerSeconds += (s.tS() - previous.tS()) * (previous.workersRunning() + previous.workersInitializing());
                starts += Math.max(0, s.workersInitializing() - previous.workersInitializing());
            } else {
                starts += s.workersInitializing();
            }
            previous = s;
        }
        double hours = workerSeconds / 3600;
        return new WorkerCost(cost.currency(), Numbers.round(hours, CostSection.PRICE_DECIMALS),
                Numbers.round(hours * cost.workerHourFlex(), CostSection.PRICE_DECIMALS), starts,
                cost.activeWorkers(), Numbers.round(cost.activeWorkers() * CostSettings.HOURS_PER_MONTH * cost.workerHourActive()),
                "computed from the /health series and the configured prices (flex " + Numbers.compact(cost.workerHourFlex()) + ", active "
                        + Numbers.compact(cost.workerHourActive()) + " " + cost.currency() + " per worker-hour)");
    }

    @Override
    public String key() {
        return "worker_cost";
    }

    @Override
    public String markdown() {
        return "\n## Worker cost\n\nComputed, not billed: " + basis + ".\n\n"
                + "- Flex workers during the run: " + Numbers.fixed(flexWorkerHours, 4) + " worker-hours, " + Numbers.fixed(runCost, 4) + " " + currency + "\n"
                + "- Worker starts seen (cold starts): " + workerStarts + "\n"
                + "- " + activeWorkers + " active (always-on) workers instead: " + Numbers.fixed(activeWorkersPerMonth, 2) + " " + currency
                + " a month (" + Numbers.compact(CostSettings.HOURS_PER_MONTH) + " h), against 0 with the cold starts above\n";
    }
}
