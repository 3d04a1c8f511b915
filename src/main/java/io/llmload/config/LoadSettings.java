package io.llmload.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload's load model ({@code <workload>.load.model}): a closed model of {@code levels} requests in
 * flight, an open model of {@code rates} (requests per second, inter-arrival times drawn from a gamma
 * distribution: {@code burstiness} 1 is Poisson, below 1 burstier, above 1 steadier, as vLLM's
 * {@code --burstiness}), or GuideLLM's sweep (one request at a time, then as many as
 * {@code max-concurrency} at once, then {@code sweep-rates} rates evenly between the two throughputs).
 * Each level or step is held {@code hold-time}; an open model never has more than
 * {@code max-concurrency} requests in flight (an arrival that finds none free waits, and its lateness
 * is the scheduling lag).
 */
public record LoadSettings(Model model, List<Integer> levels, List<Double> rates, double burstiness, Duration holdTime,
                           int maxConcurrency, int sweepRates, long seed) {

    public enum Model { CLOSED, POISSON, GAMMA, SWEEP }

    /** Reads {@code levels} and {@code hold-time} of the workload's section, and the rest from its {@code load} section. */
    public static LoadSettings from(Keys workload) {
        Keys load = workload.section("load");
        Model model = load.choice("model", Model.class);
        double burstiness = load.number("burstiness");
        if (!(burstiness > 0)) throw new ConfigError(load.key("burstiness") + ": expected a number > 0, got " + burstiness);
        return new LoadSettings(model, workload.positiveIntList("levels"), load.positiveNumberList("rates"),
                model == Model.POISSON ? 1.0 : burstiness, workload.positiveDuration("hold-time"), load.positiveInt("max-concurrency"),
                load.positiveInt("sweep-rates"), load.integer("seed"));
    }

    public boolean open() {
        return model != Model.CLOSED;
    }

    /** The run's level numbers: the concurrency levels, or an open model's steps 1..n. */
    public List<Integer> planLevels() {
        if (!open()) return levels;
        List<Integer> out = new ArrayList<>();
        for (int k = 1; k <= steps(); k++) out.add(k);
        return out;
    }

    /** How many levels (closed) or steps (open: one a rate; sweep: two, then its rates) the run has. */
    public int steps() {
        return switch (model) {
            case CLOSED -> levels.size();
            case POISSON, GAMMA -> rates.size();
            case SWEEP -> 2 + sweepRates;
        };
    }
}
