package io.llmload.metrics;

/**
 * An evaluated SLO: the measured value (NaN when nothing was measured) and the verdict.
 * {@code levelName}: what its level is called when it is an open model's step ("10 req/s"), or null.
 */
public record SloResult(SloSpec slo, double measured, boolean passed, String note, String levelName) {

    public SloResult(SloSpec slo, double measured, boolean passed, String note) {
        this(slo, measured, passed, note, null);
    }

    /** e.g. "SLO latency-p95-at-10 FAILED: latency p95 at c=10 <= 3500 ms, measured 4210.4 ms". */
    public String message() {
        String value = Double.isNaN(measured) ? "nothing measured" : "measured " + Numbers.measured(measured) + " " + slo.metric().unit();
        String described = levelName == null ? slo.describe() : slo.describe(" at step " + slo.level() + " (" + levelName + ")");
        return "SLO " + slo.name() + (passed ? " passed: " : " FAILED: ") + described + ", " + value
                + (note == null ? "" : " (" + note + ")");
    }
}
