package io.llmload.compare;

import java.util.List;
import java.util.Map;

/**
 * A baseline known only as one figure per rule: the median of earlier nights (their spread is the
 * run-to-run noise: a night is flagged only outside it), or a pinned summary without its requests.
 * The interval is tonight's alone, from its requests.
 */
final class ValueBaseline implements Baseline {

    /** A rule's baseline figure, and the range earlier nights spanned (min = max for a single summary). */
    record Figure(double value, double lowest, double highest, int nights) {
    }

    private final Map<String, Figure> figures;
    private final String source;

    ValueBaseline(Map<String, Figure> figures, String source) {
        this.figures = figures;
        this.source = source;
    }

    @Override
    public String describe() {
        return source;
    }

    @Override
    public Regression judge(RegressionRule rule, List<RunSamples.Sample> tonight, Bootstrap bootstrap) {
        Figure figure = figures.get(rule.name());
        double now = Statistic.of(rule, tonight);
        if (figure == null || Double.isNaN(figure.value()) || figure.value() == 0) {
            return Verdicts.notCompared(rule, figure == null ? Double.NaN : figure.value(), now, "nothing to compare in the baseline");
        }
        if (Double.isNaN(now)) return Verdicts.notCompared(rule, figure.value(), now, "nothing measured tonight");
        Bootstrap.Interval ci = bootstrap.change(rule, figure.value(), Bootstrap.blocks(rule, tonight));
        String note = figure.nights() > 1 ? "(median of " + figure.nights() + " nights)" : null;
        Regression judged = Verdicts.judge(rule, figure.value(), now, ci, note);
        // within the range earlier nights spanned is run-to-run noise, whatever tonight's own interval says
        boolean withinNights = now >= figure.lowest() && now <= figure.highest();
        if (judged.verdict() == Regression.Verdict.REGRESSED && figure.nights() > 1 && withinNights) {
            return new Regression(judged.name(), judged.rule(), judged.baseline(), judged.tonight(), judged.unit(), judged.changePct(),
                    judged.ciLowPct(), judged.ciHighPct(), Regression.Verdict.OK, "(within the earlier nights' range)");
        }
        return judged;
    }
}
