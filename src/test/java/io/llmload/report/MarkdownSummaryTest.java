package io.llmload.report;

import io.llmload.config.GoodputCriteria;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownSummaryTest {

    private static RequestRecord record(String request, Failure failure, long e2eMillis) {
        return new RequestRecord(request, null, 0, 0, new RequestRecord.Timing(0, 0, e2eMillis * 1_000_000, -1, new long[0], false), new RequestRecord.Tokens(10, false, 10, 10, false, -1), null, failure, failure == null ? 200 : 500, null, 0, null);
    }

    private static RunFacts facts() {
        return new RunFacts("MixedTrafficSimulation", "run-1", "test", "m", "2026-12-02T00:00:00Z");
    }

    /** Every request kind of a mixed run gets its own failures, not only the first one. */
    @Test
    void theFailuresSectionCoversEveryRequestKind() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        metrics.record(record("embeddings", null, 10));
        metrics.record(record("embeddings", Failure.of(FailureKind.HTTP_STATUS, "HTTP 429: busy"), 2));
        metrics.record(record("chat", Failure.of(FailureKind.SERVER_ERROR_EVENT, "error event in stream: <b>x</b> | y"), 50));
        metrics.record(record("audio", null, 80));
        String md = MarkdownSummary.render(RunReport.summary(facts(), metrics, List.of("embeddings", "chat", "audio"), List.of(0), List.of()));
        String failures = md.substring(md.indexOf("## Failures"));
        assertThat(failures).contains("### `embeddings`", "### `chat`", "### `audio`")
                .contains("| http_status | HTTP 429: busy | 1 |")
                .contains("| server_error_event | error event in stream: &lt;b&gt;x&lt;/b&gt; \\| y | 1 |");
        assertThat(failures.substring(failures.indexOf("### `audio`"))).contains("None.");
        assertThat(failures).contains("Failed requests' own latency (kept out of every latency figure above): p50 2 ms");
    }

    /** A section goes where its kind belongs, whenever the workload added it: alert bands right after the SLOs. */
    @Test
    void sectionsAreRenderedInTheirPlaceNotInTheOrderTheyCameIn() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        metrics.record(record("chat", null, 10));
        RunFacts facts = facts();
        facts.add(new Section() {
            @Override
            public String key() {
                return "health";
            }

            @Override
            public String markdown() {
                return "\n## Endpoint health\n";
            }
        });
        facts.add(new Summary.Alerts(List.of(new Summary.Alert("p95", 0, "latency p95 <= 1 ms", 10.0, "ms", true))));
        String md = MarkdownSummary.render(RunReport.summary(facts, metrics, List.of("chat"), List.of(0), List.of()));
        assertThat(md.indexOf("## SLOs")).isLessThan(md.indexOf("## Alert bands"));
        assertThat(md.indexOf("## Alert bands")).isLessThan(md.indexOf("## Endpoint health"));
        assertThat(md).contains("| p95 | 0 | latency p95 <= 1 ms | 10.0 ms | **FIRING** |");
    }
}
