package io.llmload.compare;

import java.nio.file.Path;
import java.util.List;

/** A pinned earlier run: its own requests (llm-requests.jsonl), so both sides' noise enters the interval. */
final class RunBaseline implements Baseline {

    private final RunSamples samples;
    private final String source;

    RunBaseline(RunSamples samples, Path source) {
        this.samples = samples;
        this.source = source.toString();
    }

    @Override
    public String describe() {
        return source + " (" + samples.size() + " requests)";
    }

    @Override
    public Regression judge(RegressionRule rule, List<RunSamples.Sample> tonight, Bootstrap bootstrap) {
        List<RunSamples.Sample> base = samples.at(rule.level());
        double before = Statistic.of(rule, base);
        double now = Statistic.of(rule, tonight);
        if (Double.isNaN(before) || Double.isNaN(now) || before == 0) {
            return Verdicts.notCompared(rule, before, now, Double.isNaN(before) || before == 0 ? "nothing to compare in the baseline" : "nothing measured tonight");
        }
        Bootstrap.Interval ci = bootstrap.change(rule, Bootstrap.blocks(rule, base), Bootstrap.blocks(rule, tonight));
        return Verdicts.judge(rule, before, now, ci, null);
    }
}
