package io.llmload.report;

import java.util.List;
import java.util.Locale;

/** A per-level table under the main one (job breakdown, reasoning): the same rows in the console and in Markdown. */
final class LevelTable {

    private LevelTable() {
    }

    /** {@code title}, the header and the rows in {@code rowFormat}; "" without rows. */
    static String console(String title, String[] headers, String rowFormat, List<String[]> rows) {
        if (rows.isEmpty()) return "";
        StringBuilder out = new StringBuilder("\n").append(title).append('\n');
        out.append(String.format(Locale.ROOT, rowFormat, (Object[]) headers));
        for (String[] r : rows) out.append(String.format(Locale.ROOT, rowFormat, (Object[]) r));
        return out.toString();
    }

    /** A "## heading" section: the intro paragraph, then the table; "" without rows. */
    static String markdown(String heading, String intro, String[] headers, List<String[]> rows) {
        if (rows.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\n## ").append(heading).append("\n\n").append(intro).append("\n\n");
        md.append("| ").append(String.join(" | ", headers)).append(" |\n");
        md.append("|---".repeat(headers.length)).append("|\n");
        for (String[] r : rows) md.append("| ").append(String.join(" | ", r)).append(" |\n");
        return md.toString();
    }
}
