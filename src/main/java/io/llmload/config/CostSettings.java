package io.llmload.config;

/**
 * Optional prices ({@code cost.*}), in {@code currency}: a GPU-hour of the endpoint under test and
 * its GPU count, and for serverless workers the flex price (billed while a worker starts or runs a
 * job) and the active price (an always-on worker, billed every hour), with the active-worker count
 * to price per month. 0 = not priced: no cost figure is shown.
 */
public record CostSettings(String currency, double gpuHour, int gpus, double workerHourFlex, double workerHourActive,
                           int activeWorkers) {

    /** Hours in an average month (8,760 / 12). */
    public static final double HOURS_PER_MONTH = 730;

    public static CostSettings from(Keys cost) {
        double gpuHour = cost.number("gpu-hour");
        double flex = cost.number("worker-hour-flex");
        double active = cost.number("worker-hour-active");
        for (String key : new String[]{"gpu-hour", "worker-hour-flex", "worker-hour-active"}) {
            if (cost.number(key) < 0) throw new ConfigError(cost.key(key) + ": expected a price >= 0, got " + cost.number(key));
        }
        int activeWorkers = cost.integer("active-workers");
        if (activeWorkers < 0) throw new ConfigError(cost.key("active-workers") + ": expected a count >= 0, got " + activeWorkers);
        return new CostSettings(cost.nonBlank("currency"), gpuHour, cost.positiveInt("gpus"), flex, active, activeWorkers);
    }

    public boolean gpuPriced() {
        return gpuHour > 0;
    }

    public boolean workersPriced() {
        return workerHourFlex > 0 || workerHourActive > 0;
    }

    /** The endpoint's price per hour: all its GPUs. */
    public double endpointHour() {
        return gpuHour * gpus;
    }
}
