package io.llmload.report;

import io.llmload.metrics.SloResult;

import java.util.List;

/** SLO verdicts as JUnit XML, one test case per SLO, for Jenkins' junit step and other CI servers. */
final class JUnitSloReport {

    private JUnitSloReport() {
    }

    static String render(String simulation, List<SloResult> results) {
        long failures = results.stream().filter(r -> !r.passed()).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"llmload.slo.").append(Markup.escape(simulation)).append("\" tests=\"").append(results.size())
           .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        for (SloResult r : results) {
            xml.append("  <testcase classname=\"llmload.slo.").append(Markup.escape(simulation)).append("\" name=\"")
               .append(Markup.escape(r.slo().name() + ": " + r.slo().describe())).append("\"");
            if (r.passed()) {
                xml.append(">\n    <system-out>").append(Markup.escape(r.message())).append("</system-out>\n  </testcase>\n");
            } else {
                xml.append(">\n    <failure message=\"").append(Markup.escape(r.message())).append("\" type=\"SloBreach\">")
                   .append(Markup.escape(r.message())).append("</failure>\n  </testcase>\n");
            }
        }
        return xml.append("</testsuite>\n").toString();
    }
}
