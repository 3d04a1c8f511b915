package io.llmload.run;

import io.gatling.javaapi.core.Assertion;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.SloSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.details;

/**
 * Gatling assertions for the SLOs: one per SLO on its {@link SloGate} entry (llmload's verdict from
 * its HdrHistograms), plus Gatling's own check of what Gatling can measure itself the same way: TTFT,
 * queue and execution percentiles (entries logged for successful requests only) and the success rate
 * of a request at a level (Gatling group {@code c=N}, an open model's {@code step N}). Gatling's response-time assertions count KO
 * requests too, so an E2E latency SLO has only llmload's verdict, which counts successes.
 */
public final class SloAssertions {

    private SloAssertions() {
    }

    public static List<Assertion> of(List<SloSpec> slos, String request, LlmMetrics metrics) {
        List<Assertion> out = new ArrayList<>();
        // a band judged at several levels logs one gate entry a level, all under its name
        for (String name : new LinkedHashSet<>(slos.stream().map(SloSpec::name).toList())) {
            out.add(details(SloGate.GROUP, name).failedRequests().count().is(0L));
        }
        for (SloSpec slo : slos) {
            if (!slo.atLevel() || slo.request() != null) continue;
            String group = metrics.isStep(slo.level()) ? OpenSteps.groupName(slo.level()) : ClosedLadder.groupName(slo.level());
            switch (slo.metric()) {
                case TTFT -> out.add(details(group, request + " TTFT").responseTime().percentile(slo.percentile()).lte(millis(slo.max())));
                case QUEUE -> out.add(details(group, request + " queue").responseTime().percentile(slo.percentile()).lte(millis(slo.max())));
                case EXECUTION -> out.add(details(group, request + " execution").responseTime().percentile(slo.percentile()).lte(millis(slo.max())));
                case SUCCESS_RATE -> out.add(details(group, request).successfulRequests().percent().gte(slo.min()));
                default -> { }
            }
        }
        return out;
    }

    private static int millis(Double max) {
        return (int) Math.floor(max == null ? Integer.MAX_VALUE : max);
    }
}
