package io.llmload.run;

import io.llmload.capacity.CapacityCost;
import io.llmload.capacity.CapacityResult;
import io.llmload.capacity.StepResult;
import io.llmload.client.runpod.HealthSeries;
import io.llmload.config.CostSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Cost figures from known prices and known measured figures. */
class CostTest {

    private static final CostSettings PRICES = new CostSettings("USD", 1.5, 2, 0.0011 * 3600, 0.00085 * 3600, 2);

    @Test
    void perThousandRequestsAndPerMillionTokensAtAMeasuredRate() {
        // 3 GPU-dollars an hour at 10 req/s and 1,500 tok/s
        assertThat(CostSection.per(PRICES.endpointHour(), 10, 1_000)).isCloseTo(3.0 / 36_000 * 1_000, within(1e-12));
        assertThat(CostSection.per(PRICES.endpointHour(), 1_500, 1_000_000)).isCloseTo(3.0 / 5_400_000 * 1_000_000, within(1e-12));
    }

    @Test
    void workerHoursFromTheHealthSeriesAndTheMonthlyPriceOfActiveWorkers() {
        List<HealthSeries.Sample> samples = List.of(
                new HealthSeries.Sample(0, 2, 0, 0, 0, 0, null),
                new HealthSeries.Sample(10, 0, 2, 1, 3, 2, null),   // 2 running and 1 starting for the next 10 s
                new HealthSeries.Sample(20, 0, 3, 0, 0, 3, null),   // 3 running for the next 10 s
                new HealthSeries.Sample(30, 3, 0, 0, 0, 0, null));
        WorkerCost cost = WorkerCost.of(PRICES, samples);
        assertThat(cost.flexWorkerHours()).isCloseTo((0 * 10 + 3 * 10 + 3 * 10) / 3600.0, within(0.005));
        assertThat(cost.runCost()).isCloseTo(60 * 0.0011, within(0.005));
        assertThat(cost.workerStarts()).isEqualTo(1);
        assertThat(cost.activeWorkersPerMonth()).isCloseTo(2 * 730 * 0.00085 * 3600, within(0.01));
    }

    /** Two GPUs compared on cost: the requests per dollar at each one's capacity point. */
    @Test
    void throughputPerDollarAtTheCapacityPoint() {
        StepResult pass = new StepResult(1, 20, false, 100, 100, 100, 2000, 2500, 3000, 3500, 3600, 6.0, 900, null, Map.of());
        StepResult fail = new StepResult(1, 25, false, 100, 100, 100, 3000, 3500, 4000, 4500, 4600, 6.5, 950, "p95", Map.of());
        CapacityResult result = new CapacityResult(3810, List.of(List.of(pass, fail)), List.of(20), List.of(true));
        CapacityCost cost = CapacityCost.of(PRICES, result);
        assertThat(cost.requestsPerS()).isEqualTo(6.0);
        assertThat(cost.requestsPerCurrencyUnit()).isCloseTo(6.0 * 3600 / 3.0, within(0.01));
        assertThat(cost.outputTokensPerCurrencyUnit()).isCloseTo(900.0 * 3600 / 3.0, within(0.01));
    }
}
