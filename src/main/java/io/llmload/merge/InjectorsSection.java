package io.llmload.merge;

import io.llmload.report.Markup;
import io.llmload.report.Section;

import java.util.List;
import java.util.Locale;

/** The merged summary's account of its injectors: who brought what, who is missing, and whether their clocks and levels agreed. */
public record InjectorsSection(int count, boolean complete, List<Row> injectors, List<String> missing, List<String> warnings)
        implements Section {

    /** One injector's part: its requests, its clock against the target's (null: unknown), and whether it stopped early. */
    public record Row(int index, String id, String folder, long requests, long ok, long ko, Long clockOffsetMs,
                      Long clockUncertaintyMs, String stoppedEarly) {
    }

    @Override
    public String key() {
        return "injectors";
    }

    @Override
    public Place place() {
        return Place.UNDER_TABLE;
    }

    private String headline() {
        return "Merged " + injectors.size() + " of " + count + " injectors" + (complete ? "" : ": INCOMPLETE");
    }

    @Override
    public String console() {
        StringBuilder out = new StringBuilder("  " + headline() + "\n");
        for (Row r : injectors) {
            out.append("    ").append(r.id()).append(": ").append(r.requests()).append(" requests (").append(r.ko()).append(" KO), clock ")
                    .append(clock(r)).append(r.stoppedEarly() == null ? "" : ", DID NOT COMPLETE: " + r.stoppedEarly()).append("\n");
        }
        for (String m : missing) out.append("  MISSING ").append(m).append("\n");
        for (String w : warnings) out.append("  WARNING ").append(w).append("\n");
        return out.toString();
    }

    @Override
    public String markdown() {
        StringBuilder out = new StringBuilder("\n### Injectors\n\n" + headline() + ".\n\n");
        out.append("| injector | folder | requests | KO | clock vs target | completed |\n|---|---|---|---|---|---|\n");
        for (Row r : injectors) {
            out.append("| ").append(r.id()).append(" | ").append(Markup.escape(r.folder())).append(" | ").append(r.requests()).append(" | ")
                    .append(r.ko()).append(" | ").append(clock(r)).append(" | ")
                    .append(r.stoppedEarly() == null ? "yes" : "no: " + Markup.escape(r.stoppedEarly())).append(" |\n");
        }
        for (String m : missing) out.append("\n**Missing:** ").append(Markup.escape(m)).append("\n");
        for (String w : warnings) out.append("\n**Warning:** ").append(Markup.escape(w)).append("\n");
        return out.toString();
    }

    private static String clock(Row r) {
        return r.clockOffsetMs() == null ? "unknown" : String.format(Locale.ROOT, "%+d ms ± %d", r.clockOffsetMs(), r.clockUncertaintyMs());
    }
}
