package io.llmload.prompts;

import io.llmload.config.DatasetSettings;
import io.llmload.metrics.Numbers;
import io.llmload.report.Section;

import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What the run's prompts were, measured on the deck before load: the dataset, its prompts' token
 * lengths (counted by the tokenizer) and its output targets, each as mean, standard deviation and range.
 */
public record DatasetSection(String dataset, int prompts, Lengths promptTokens, Lengths outputTargets,
                             int sharedPrefixTokens) implements Section {

    public record Lengths(Double mean, Double stddev, int min, int max) {

        static Lengths of(List<DatasetPrompt> prompts, ToIntFunction<DatasetPrompt> length) {
            IntSummaryStatistics s = prompts.stream().mapToInt(length).summaryStatistics();
            double mean = s.getAverage();
            double squares = prompts.stream().mapToDouble(p -> Math.pow(length.applyAsInt(p) - mean, 2)).sum();
            return new Lengths(Numbers.round(mean), Numbers.round(Math.sqrt(squares / Math.max(1, prompts.size() - 1))), s.getMin(), s.getMax());
        }

        String describe() {
            return "mean " + Numbers.compact(mean) + ", sd " + Numbers.compact(stddev) + ", " + min + ".." + max;
        }
    }

    public static DatasetSection of(Dataset dataset) {
        var settings = dataset.settings();
        String name = switch (settings.kind()) {
            case SYNTHETIC -> "synthetic: input " + settings.synthetic().input().describe() + ", output " + settings.synthetic().output().describe()
                    + " tokens (seed " + settings.seed() + ")";
            case SHAREGPT -> "ShareGPT " + settings.file();
            case JSONL -> "JSONL " + settings.file();
        };
        List<DatasetPrompt> prompts = dataset.prompts();
        List<DatasetPrompt> withTarget = prompts.stream().filter(p -> p.outputTokens() > 0).toList();
        return new DatasetSection(name, prompts.size(), Lengths.of(prompts, DatasetPrompt::promptTokens),
                withTarget.isEmpty() ? null : Lengths.of(withTarget, DatasetPrompt::outputTokens),
                settings.kind() == DatasetSettings.Kind.SYNTHETIC ? settings.synthetic().sharedPrefixTokens() : 0);
    }

    @Override
    public String key() {
        return "dataset";
    }

    @Override
    public Place place() {
        return Place.UNDER_TABLE;
    }

    @Override
    public String markdown() {
        return "\nDataset: " + dataset + "; " + prompts + " prompts of " + promptTokens.describe() + " tokens (tokenizer cl100k_base)"
                + (sharedPrefixTokens > 0 ? ", the first " + sharedPrefixTokens + " the same in every prompt" : "")
                + (outputTargets == null ? "" : "; output targets " + outputTargets.describe() + " tokens") + ".\n";
    }

    @Override
    public String console() {
        return "  dataset: " + dataset + ", " + prompts + " prompts, prompt tokens " + promptTokens.describe()
                + (outputTargets == null ? "" : ", output targets " + outputTargets.describe()) + "\n";
    }
}
