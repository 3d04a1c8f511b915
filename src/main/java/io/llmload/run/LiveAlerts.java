package io.llmload.run;

import io.llmload.metrics.Numbers;
import io.llmload.report.Section;

import java.util.List;

/** The alert bands that fired while the run ran, each with its start, end and worst window. */
public record LiveAlerts(String window, List<LiveWatch.Episode> fired) implements Section {

    @Override
    public String key() {
        return "live_alerts";
    }

    @Override
    public Place place() {
        return Place.WITH_SLOS;
    }

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("\n## Live alerts\n\nAlert bands judged every interval over the last ")
                .append(window).append(" while the load ran (UTC).\n\n");
        if (fired.isEmpty()) return md.append("None fired.\n").toString();
        md.append("| alert | band | from | to | worst |\n|---|---|---|---|---|\n");
        for (LiveWatch.Episode e : fired) {
            md.append("| ").append(e.alert()).append(" | ").append(e.band()).append(" | ").append(e.started())
              .append(" | ").append(e.ended() == null ? "still firing at the end" : e.ended())
              .append(" | ").append(Numbers.fixed(e.worst(), 1)).append(' ').append(e.unit()).append(" |\n");
        }
        return md.toString();
    }

    @Override
    public String console() {
        StringBuilder out = new StringBuilder();
        for (LiveWatch.Episode e : fired) {
            out.append("  LIVE ALERT ").append(e.alert()).append(": ").append(e.band()).append(", from ").append(e.started())
               .append(e.ended() == null ? " to the end" : " to " + e.ended()).append(" UTC, worst ")
               .append(Numbers.fixed(e.worst(), 1)).append(' ').append(e.unit()).append('\n');
        }
        return out.toString();
    }
}
