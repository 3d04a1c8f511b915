package io.llmload.report;

import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;
import io.llmload.config.GoodputCriteria;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownSummaryTest {

    private static RequestRecord record(String request, Failure failure, long e2eMillis) {
        return new RequestRecord(request, null, 0, 0, new RequestRecord.Timing(0, 0, e2eMillis * 1_000_000, -1, new long[0], false), new RequestRecord.Tokens(10, false, 10, 10, false, -1), null, failure, failure == null ? 200 : 500, null, 0, null);
    }

    private static Map<String, Object> runInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("simulation", "MixedTrafficSimulation");
        info.put("target", "test");
        info.put("model", "m");
        return info;
    }

    /** Every request kind of a mixed run gets its own failures, not only the first one. */
    @Test
    void theFailuresSectionCoversEveryRequestKind() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        metrics.record(record("embeddings", null, 10));
        metrics.record(record("embeddings", Failure.of(FailureKind.HTTP_STATUS, "HTTP 429: busy"), 2));
        metrics.record(record("chat", Failure.of(FailureKind.SERVER_ERROR_EVENT, "error event in stream: <b>x</b> | y"), 50));
        metrics.record(record("audio", null, 80));
        String md = MarkdownSummary.render(RunReport.summary(runInfo(), metrics, List.of("embeddings", "chat", "audio"), List.of(0), List.of()));
        String failures = md.substring(md.indexOf("## Failures"));
        assertThat(failures).contains("### `embeddings`", "### `chat`", "### `audio`")
                .contains("| http_status | HTTP 429: busy | 1 |")
                .contains("| server_error_event | error event in stream: &lt;b&gt;x&lt;/b&gt; \\| y | 1 |");
        assertThat(failures.substring(failures.indexOf("### `audio`"))).contains("None.");
        assertThat(failures).contains("Failed requests' own latency (kept out of every latency figure above): p50 2 ms");
    }

    /** A figure the server does not expose reads "not exposed", not 0 or NaN. */
    @Test
    void theServerViewSaysNotExposedForWhatTheServerDoesNotExport() {
        Map<String, Object> chat = new HashMap<>();
        chat.put("server_requests_by_status", null);
        chat.put("client_requests_by_status", Map.of(200, 53L));
        Map<String, Object> view = new HashMap<>();
        view.put("scrapes", 7);
        view.put("failed_scrapes", 0);
        view.put("chat", chat);
        view.put("embedding_queue_rejections", null);
        String md = ServerViewTable.markdown(view);
        assertThat(md).contains("| chat | 200 | not exposed | 53 |").contains("Queue rejections (429, global/audio limiter): not exposed")
                .doesNotContain("NaN");
    }
}
