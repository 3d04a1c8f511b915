package io.llmload.report;

/**
 * A typed part of a run's summary that a workload contributes (an open model's load fidelity, the
 * server's view, a serverless endpoint's health, alert bands, a capacity result ...). It is written
 * into llm-summary.json under {@link #key()} (Jackson, as the record it is) and renders its own part
 * of llm-summary.md and of the console, so the report knows no workload.
 */
public interface Section {

    /** Where its part of llm-summary.md goes. */
    enum Place {
        /** Right under the first request's table (a figure of that table's load). */
        UNDER_TABLE,
        /** Right after the SLO verdicts (checks of the same kind). */
        WITH_SLOS,
        /** After those, in the order the workload contributed them. */
        AFTER_SLOS
    }

    /** Its key in llm-summary.json. */
    String key();

    default Place place() {
        return Place.AFTER_SLOS;
    }

    /** Its part of llm-summary.md, or "". */
    default String markdown() {
        return "";
    }

    /** Its lines under the console table, or "". */
    default String console() {
        return "";
    }
}
