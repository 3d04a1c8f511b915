package io.llmload.client;

import io.llmload.config.TargetSettings.WeightedModel;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The served model names a run's requests ask, each with its weight (LoRA adapters on one vLLM
 * server are model names too): each request draws one, in proportion to the weights, from a seeded
 * source so a run's mix repeats. Empty: every request asks the workload's own model.
 */
public final class ModelMix {

    public static final ModelMix NONE = new ModelMix(List.of(), 0);

    private final List<WeightedModel> models;
    private final double[] cumulative;
    private final SplittableRandom random;

    public ModelMix(List<WeightedModel> models, long seed) {
        this.models = List.copyOf(models);
        this.cumulative = new double[models.size()];
        double sum = 0;
        for (int i = 0; i < models.size(); i++) cumulative[i] = sum += models.get(i).weight();
        this.random = new SplittableRandom(seed);
    }

    public boolean isEmpty() {
        return models.isEmpty();
    }

    /** A model for the next request, or {@code fallback} when the mix is empty. */
    public String pick(String fallback) {
        if (models.isEmpty()) return fallback;
        double draw;
        synchronized (random) {
            draw = random.nextDouble() * cumulative[cumulative.length - 1];
        }
        for (int i = 0; i < cumulative.length; i++) if (draw < cumulative[i]) return models.get(i).name();
        return models.get(models.size() - 1).name();
    }
}
