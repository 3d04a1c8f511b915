package io.llmload.compare;

import io.llmload.metrics.Numbers;

/**
 * One rule judged: the baseline's and tonight's figure, the change in percent with its confidence
 * interval, and the verdict. {@code passed} is false only for a regression beyond noise.
 */
public record Regression(String name, String rule, Double baseline, Double tonight, String unit, Double changePct,
                         Double ciLowPct, Double ciHighPct, Verdict verdict, String note) {

    public enum Verdict {
        /** the whole interval lies beyond the allowed change, on the bad side */
        REGRESSED,
        /** the whole interval lies beyond the allowed change, on the good side */
        IMPROVED,
        /** within the allowance or within noise */
        OK,
        /** one side has nothing to compute the figure from */
        NOT_COMPARED
    }

    public boolean passed() {
        return verdict != Verdict.REGRESSED;
    }

    /** e.g. "REGRESSION latency-p95 regressed: latency p95 at c=10 may grow by at most 10 %; 2210.0 -> 2780.5 ms (+25.8 %, CI +21.3 .. +30.2 %)". */
    public String message() {
        String head = (verdict == Verdict.REGRESSED ? "REGRESSION " : "regression check ") + name + " " + verdict.name().toLowerCase().replace('_', ' ')
                + ": " + rule;
        if (verdict == Verdict.NOT_COMPARED) return head + " (" + note + ")";
        return head + "; " + Numbers.measured(baseline) + " -> " + Numbers.measured(tonight) + " " + unit + " (" + Numbers.signed(changePct)
                + " %, CI " + Numbers.signed(ciLowPct) + " .. " + Numbers.signed(ciHighPct) + " %)" + (note == null ? "" : " " + note);
    }
}
