package io.llmload.report;

import io.llmload.capacity.CapacityResult;

import java.util.Map;

/** The capacity report's Markdown for tests in other packages. */
public final class CapacityReportAccess {

    private CapacityReportAccess() {
    }

    public static String markdown(CapacityResult result) {
        return CapacityReport.markdown(Map.of("simulation", "test"), result);
    }
}
