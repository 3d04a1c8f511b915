package io.llmload.run;

import io.llmload.report.Section;

/** The run was stopped before its end by an {@code abort.*} rule: why and when. Everything above was measured before. */
public record StoppedEarly(String reason) implements Section {

    @Override
    public String key() {
        return "stopped_early";
    }

    @Override
    public Place place() {
        return Place.UNDER_TABLE;
    }

    @Override
    public String markdown() {
        return "\n**Did not complete: " + reason + ".** The figures above are what was measured until then.\n";
    }

    @Override
    public String console() {
        return "  DID NOT COMPLETE: " + reason + "\n";
    }
}
