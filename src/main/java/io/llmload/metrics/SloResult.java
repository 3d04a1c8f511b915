package io.llmload.metrics;

/** An evaluated SLO: the measured value (NaN when nothing was measured) and the verdict. */
public record SloResult(SloSpec slo, double measured, boolean passed, String note) {

    /** e.g. "SLO latency-p95-at-10 FAILED: latency p95 at c=10 <= 3500 ms, measured 4210.4 ms". */
    public String message() {
        String value = Double.isNaN(measured) ? "nothing measured" : "measured " + Numbers.measured(measured) + " " + slo.metric().unit();
        return "SLO " + slo.name() + (passed ? " passed: " : " FAILED: ") + slo.describe() + ", " + value
                + (note == null ? "" : " (" + note + ")");
    }
}
