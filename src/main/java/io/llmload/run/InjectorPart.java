package io.llmload.run;

import io.llmload.config.InjectorSettings;
import io.llmload.report.Section;

/** A scaled-out injector's summary is a part of the test: its verdicts are of its share of the load, the test's are the merge's. */
public record InjectorPart(int index, int count, String id) implements Section {

    public InjectorPart(InjectorSettings injector) {
        this(injector.index(), injector.count(), injector.id());
    }

    @Override
    public String key() {
        return "injector_part";
    }

    @Override
    public Place place() {
        return Place.UNDER_TABLE;
    }

    private String text() {
        return id + " of " + count + ": these figures are this injector's share of the load; the test's figures and verdict are "
                + "scripts/merge.sh's over all " + count + " result folders";
    }

    @Override
    public String markdown() {
        return "\n**" + text() + ".**\n";
    }

    @Override
    public String console() {
        return "  PART OF A SCALED-OUT TEST: " + text() + "\n";
    }
}
