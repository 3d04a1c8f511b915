package io.llmload.compare;

import io.llmload.metrics.Numbers;

/**
 * The verdict rule, one place: a night regressed when the whole confidence interval of its change
 * lies beyond the allowed change on the bad side (the change is larger than allowed, beyond noise),
 * improved when it lies beyond it on the good side, else it is within allowance or noise.
 */
final class Verdicts {

    private Verdicts() {
    }

    static Regression judge(RegressionRule rule, double before, double now, Bootstrap.Interval ci, String note) {
        double change = (now / before - 1) * 100;
        // in "worse" terms: positive = worse, whichever way the metric is bad
        double worseLow = rule.higherIsWorse() ? ci.low() : -ci.high();
        double betterLow = rule.higherIsWorse() ? -ci.high() : ci.low();
        Regression.Verdict verdict = Double.isNaN(ci.low()) ? Regression.Verdict.OK
                : worseLow > rule.allowedPercent() ? Regression.Verdict.REGRESSED
                : betterLow > rule.allowedPercent() ? Regression.Verdict.IMPROVED
                : Regression.Verdict.OK;
        return new Regression(rule.name(), rule.describe(), Numbers.round(before), Numbers.round(now), rule.metric().unit(),
                Numbers.round(change), Numbers.round(ci.low()), Numbers.round(ci.high()), verdict, note);
    }

    static Regression notCompared(RegressionRule rule, double before, double now, String why) {
        return new Regression(rule.name(), rule.describe(), Numbers.round(before), Numbers.round(now), rule.metric().unit(),
                null, null, null, Regression.Verdict.NOT_COMPARED, why);
    }
}
