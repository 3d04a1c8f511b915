package io.llmload.compare;

import io.llmload.metrics.Numbers;
import io.llmload.report.Markup;
import io.llmload.report.Section;

import java.util.List;

/** The regression gate's verdicts in the summary: a table of baseline, tonight, change, interval and verdict. */
public record RegressionSection(String baseline, String method, List<Regression> rules) implements Section {

    public static final String METHOD = "block bootstrap of the relative change over both runs' requests, in blocks of consecutive requests";

    @Override
    public String key() {
        return "regression";
    }

    @Override
    public Place place() {
        return Place.WITH_SLOS;
    }

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("\n## Regression against the baseline\n\nBaseline: ").append(baseline)
                .append(".\nA rule fails only when the whole confidence interval of the change lies beyond its allowance (")
                .append(method).append(").\n\n| rule | allowed | baseline | tonight | change | CI | verdict |\n|---|---|---|---|---|---|---|\n");
        for (Regression r : rules) {
            md.append("| ").append(r.name()).append(" | ").append(r.rule()).append(" | ").append(value(r.baseline(), r.unit()))
              .append(" | ").append(value(r.tonight(), r.unit())).append(" | ").append(Numbers.signed(r.changePct())).append(" %")
              .append(" | ").append(Numbers.signed(r.ciLowPct())).append(" .. ").append(Numbers.signed(r.ciHighPct())).append(" %")
              .append(" | ").append(r.verdict() == Regression.Verdict.REGRESSED ? "**REGRESSED**" : r.verdict().name().toLowerCase().replace('_', ' '))
              .append(r.note() == null ? "" : " " + r.note()).append(" |\n");
        }
        return md.toString();
    }

    private static String value(Double v, String unit) {
        return v == null ? "-" : Numbers.fixed(v, 1) + " " + unit;
    }

    @Override
    public String console() {
        StringBuilder out = new StringBuilder("  regression baseline: ").append(baseline).append('\n');
        for (Regression r : rules) out.append(r.passed() ? "  ok    " : "  FAIL  ").append(r.message()).append('\n');
        return out.toString();
    }

    /** The verdicts as JUnit XML beside the SLOs' (one test case a rule). */
    public String junit(String simulation) {
        long failures = rules.stream().filter(r -> !r.passed()).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"llmload.regression.")
                .append(escape(simulation)).append("\" tests=\"").append(rules.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"0\">\n");
        for (Regression r : rules) {
            xml.append("  <testcase classname=\"llmload.regression.").append(escape(simulation)).append("\" name=\"")
               .append(escape(r.name() + ": " + r.rule())).append("\">\n");
            xml.append(r.passed() ? "    <system-out>" + escape(r.message()) + "</system-out>\n"
                    : "    <failure message=\"" + escape(r.message()) + "\" type=\"Regression\">" + escape(r.message()) + "</failure>\n");
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String escape(String s) {
        return Markup.escape(s);
    }
}
