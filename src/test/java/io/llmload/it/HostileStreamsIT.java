package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.EmulatorFixture;
import io.llmload.emulator.LlmEndpointEmulator;
import io.llmload.metrics.FailureKind;
import io.llmload.simulations.NewsCategorizationSimulation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The news workload against servers that misbehave, each fault injected by the emulator so the test
 * knows what was sent: every request ends as its stable KO kind (or OK, where the fault must not be
 * one), the run ends within its hold time plus one request budget, every report is still written,
 * and latency SLOs are never passed on failures. This class runs in a JVM of 256 MB heap
 * (pom.xml, execution hostile-endpoints): before the read limits, one 50 MB line at c=10 took 714 MB.
 */
class HostileStreamsIT {

    private static final long HOLD_MILLIS = 2_000;
    private static final long BUDGET_MILLIS = 3_000;
    /** Gatling's start (simulation, emulator, client warm-up) and report writing, on 2 shared cores. */
    private static final long START_AND_REPORT_MILLIS = 12_000;
    private static final Map<String, String> SHORT = Map.of(
            "news.levels", "4", "news.slo-level", "4", "news.hold-time", HOLD_MILLIS + "ms", "news.max-tokens", "20",
            "news.validate-json-answer", "false", "emulator.decode-step-base", "5ms",
            "target.request-timeout", BUDGET_MILLIS + "ms", "news.warm-up.requests-per-user", "0");
    private static final int KILL_AFTER_REQUESTS = 40;
    private static long startedMillis;

    private static Map<String, String> with(String... keyValues) {
        Map<String, String> all = new HashMap<>(SHORT);
        for (int i = 0; i < keyValues.length; i += 2) all.put(keyValues[i], keyValues[i + 1]);
        return all;
    }

    private static RunResult news(String... keyValues) {
        return RunResult.of(NewsCategorizationSimulation.class, RunResult.withCanary(with(keyValues)), true);
    }

    /** The same against an emulator of the test's own, for its ground truth. */
    private static Served served(String... keyValues) {
        return Served.run(NewsCategorizationSimulation.class, RunResult.withCanary(with(keyValues)), true);
    }

    @BeforeAll
    static void start() {
        startedMillis = System.currentTimeMillis() - 1000;
        assertThat(Runtime.getRuntime().maxMemory()).as("the heap bound these runs must keep").isLessThanOrEqualTo(256L << 20);
    }

    @AfterAll
    static void theCanaryKeyIsInNoOutputOfTheseRuns() throws Exception {
        RunResult.assertCanaryNowhere(startedMillis);
    }

    private static RunResult.Level overall(RunResult r) {
        return r.overall("categorise");
    }

    private static void assertOnlyKind(RunResult r, FailureKind kind) {
        RunResult.Level all = overall(r);
        assertThat(all.requests()).isPositive();
        assertThat(all.ok()).isZero();
        assertThat(all.failuresByKind()).containsOnlyKeys(kind.key());
    }

    private static void assertEndsWithinHoldPlusOneBudget(RunResult r, int levels) {
        assertThat(r.elapsedMillis()).as("wall time of the run")
                .isLessThan(levels * HOLD_MILLIS + BUDGET_MILLIS + START_AND_REPORT_MILLIS);
    }

    /** 1: a data: line that never ends, in 1 MiB writes. */
    @Test
    void aLineThatNeverEndsIsResponseTooLargeAndTheRunEndsOnTime() throws Exception {
        RunResult r = news("emulator.faults.answer-fault", "endless-line");
        assertOnlyKind(r, FailureKind.RESPONSE_TOO_LARGE);
        assertThat(overall(r).failures()).containsOnlyKeys("response too large: an SSE line over 1 MiB");
        assertThat(r.exit()).as("the success-rate SLO fails the build").isEqualTo(2);
        assertEndsWithinHoldPlusOneBudget(r, 1);
        r.assertEveryReportWritten();
    }

    /** 1: one 50 MiB line, then the end of the stream, at ten concurrent. */
    @Test
    void a50MibLineAtTenConcurrentStaysWithinTheHeap() throws Exception {
        RunResult r = news("emulator.faults.answer-fault", "oversized-line", "news.levels", "10", "news.slo-level", "10");
        assertOnlyKind(r, FailureKind.RESPONSE_TOO_LARGE);
        assertEndsWithinHoldPlusOneBudget(r, 1);
        r.assertEveryReportWritten();
    }

    /** 3: usage numbers beyond an int are not taken, and the request is not a KO for them. */
    @Test
    void usageNumbersThatCannotBeTrueAreRejectedAndCounted() throws Exception {
        RunResult r = news("emulator.faults.answer-fault", "huge-usage");
        RunResult.Level all = overall(r);
        assertThat(all.ko()).isZero();
        assertThat(all.ok()).isPositive();
        assertThat(all.usageReportedRequests()).as("no usage was taken").isZero();
        assertThat(all.rejectedServerValues()).containsExactly(Map.entry("usage token count out of range", all.ok()));
        List<JsonNode> requests = InProcessGatling.requests(r.reportDirectory());
        assertThat(requests).allSatisfy(q -> assertThat(q.get("output_tokens").asInt()).isEqualTo(q.get("client_output_tokens").asInt()));
        assertThat(r.summary().at("/overall/rejected_server_values").toString()).contains("usage token count out of range");
        assertThat(r.console()).contains("answers carried a value that cannot be true, not used: usage token count out of range");
    }

    /** 4: what breaks the protocol is a protocol violation, not a server error. */
    @Test
    void unparsableChunksAndInvalidUtf8AreProtocolViolations() throws Exception {
        RunResult notJson = news("emulator.faults.answer-fault", "unparsable-chunk");
        assertOnlyKind(notJson, FailureKind.PROTOCOL_VIOLATION);
        assertThat(overall(notJson).failures()).containsOnlyKeys("chunk is not JSON");
        RunResult badUtf8 = news("emulator.faults.answer-fault", "invalid-utf8");
        assertOnlyKind(badUtf8, FailureKind.PROTOCOL_VIOLATION);
        assertThat(overall(badUtf8).failures()).containsOnlyKeys("chunk is not valid UTF-8");
    }

    /** 4: control bytes, HTML and Markdown in a server's message reach no output as they are. */
    @Test
    void controlBytesFromTheServerReachNoOutput() throws Exception {
        RunResult r = news("emulator.faults.answer-fault", "control-bytes");
        assertOnlyKind(r, FailureKind.SERVER_ERROR_EVENT);
        r.assertEveryReportWritten();
        for (String file : List.of("llm-summary.md", "llm-summary.json", "llm-requests.jsonl", "llm-slo-junit.xml", "index.html")) {
            assertThat(r.file(file)).as(file).doesNotContain("\u001b").doesNotContain("\u0000").doesNotContain("\\u001b");
        }
        for (String markup : List.of("llm-summary.md", "llm-slo-junit.xml", "index.html")) {
            assertThat(r.file(markup)).as(markup).doesNotContain("<script>alert(1)</script>");
        }
        assertThat(r.console()).doesNotContain("\u001b[31m").doesNotContain("\u0000");
        assertThat(r.file("llm-summary.md")).contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*\\*bold\\*\\* \\`tick\\`");
    }

    /** 5: a server that fails fast (200 with an HTML page) passes no latency SLO, and says why. */
    @Test
    void failedRequestsPassNoLatencySlo() throws Exception {
        RunResult r = news("emulator.faults.answer-fault", "html-page", "news.levels", "10", "news.slo-level", "10",
                "slo.news.success-1-10.enabled", "false");
        assertOnlyKind(r, FailureKind.PROTOCOL_VIOLATION);
        assertThat(overall(r).failures()).containsOnlyKeys("expected an event stream, got Content-Type text/html");
        assertThat(r.exit()).as("the latency SLOs fail the build").isEqualTo(2);
        assertThat(r.slos()).hasSize(4).noneMatch(RunResult.Slo::passed);
        assertThat(r.slos().stream().filter(x -> x.unit().equals("ms")).map(RunResult.Slo::message))
                .hasSize(3).allSatisfy(m -> assertThat(m).contains("nothing measured (no successful request at c=10: all "));
        assertThat(overall(r).e2e().count()).isZero();
        assertThat(overall(r).failedLatency().count()).as("kept apart").isEqualTo(overall(r).ko());
    }

    /** 5: a stream the server ends with an error after two chunks has no TTFT, ITL or latency to give. */
    @Test
    void aStreamEndedByAnErrorGivesNoTtftOrItl() throws Exception {
        RunResult r = news("emulator.faults.answer-fault", "error-event", "news.levels", "10", "news.slo-level", "10",
                "slo.news.success-1-10.enabled", "false");
        assertOnlyKind(r, FailureKind.SERVER_ERROR_EVENT);
        assertThat(overall(r).failures()).containsOnlyKeys("error event in stream: injected in-stream error (emulator.faults.answer-fault)");
        assertThat(overall(r).ttft().count()).isZero();
        assertThat(overall(r).itl().count()).isZero();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.slos()).noneMatch(RunResult.Slo::passed);
        assertThat(r.file("index.html")).as("Gatling's own TTFT assertion has nothing to pass on")
                .contains("Could not find stats matching assertion path List(c=10, categorise TTFT)");
    }

    /** 5: a stream that stalls mid-way is a mid-stream timeout, within the budget, with either client. */
    @ParameterizedTest
    @ValueSource(strings = {"netty", "jdk"})
    void aStallingStreamTimesOutMidStreamWithinItsBudget(String client) throws Exception {
        RunResult r = news("emulator.faults.answer-fault", "stall", "target.request-timeout", "1s", "target.client", client);
        assertOnlyKind(r, FailureKind.TIMEOUT_MID_STREAM);
        assertThat(overall(r).failures()).containsOnlyKeys("timeout after 1000 ms (mid-stream)");
        // the budget runs from the action, E2E from the send a little later: a stalled stream ends just under 1 s after its send
        assertThat(overall(r).failedLatency().maxMillis()).as("every request ended within its budget and a little")
                .isBetween(900.0, 1300.0);
        assertEndsWithinHoldPlusOneBudget(r, 1);
        r.assertEveryReportWritten();
    }

    /** 6: llama.cpp's "error:" line after a 200 is the server's error, with its message, JSON check or not. */
    @ParameterizedTest
    @ValueSource(strings = {"false", "true"})
    void llamaCppsErrorLineIsAServerErrorNamingItsMessage(String validateJson) throws Exception {
        RunResult r = news("emulator.faults.answer-fault", "error-line", "news.validate-json-answer", validateJson);
        assertOnlyKind(r, FailureKind.SERVER_ERROR_EVENT);
        assertThat(overall(r).failures()).containsOnlyKeys(
                "error event in stream: the request exceeds the available context size, try increasing it");
    }

    /**
     * 7: a server that closes kept-alive connections after a stream loses no request and fails none.
     * (The JDK client keeps its own pool and resends only as the JDK decides: README, target.client.)
     */
    @Test
    void aConnectionClosedAfterAStreamIsRetriedOnceAndNeverAKo() throws Exception {
        try (Served served = served("emulator.faults.close-after-stream", "50ms", "news.hold-time", "3s")) {
            RunResult r = served.result();
            RunResult.Level all = overall(r);
            LlmEndpointEmulator emulator = served.emulator();
            assertThat(all.ko()).as("KOs %s", all.failures()).isZero();
            assertThat(emulator.groundTruth().all()).as("the server answered each request exactly once").hasSize((int) all.requests());
            assertThat(all.staleConnectionRetries()).as("sent again after the server dropped them unread").isPositive()
                    .isEqualTo(emulator.droppedOnClosingConnections());
            assertThat(r.console()).contains("requests were sent again on a fresh connection");
        }
    }

    /** 8: a server that cuts the prompt (context shift) and answers 200 is noticed. */
    @Test
    void promptsTruncatedByTheServerAreCountedAndWarned() throws Exception {
        RunResult r = news("emulator.faults.context-shift-tokens", "500");
        RunResult.Level all = overall(r);
        assertThat(all.ok()).isPositive();
        assertThat(all.truncatedPrompts()).isEqualTo(all.ok());
        assertThat(r.summary().at("/overall/truncated_prompts").asLong()).isEqualTo(all.ok());
        assertThat(r.console()).contains("WARNING categorise: " + all.ok() + " of " + all.ok()
                + " successful requests came back with a prompt_tokens below 80 % of the client's count");
        RunResult whole = news();
        assertThat(overall(whole).truncatedPrompts()).as("prompts answered whole are not flagged").isZero();
    }

    /** 11: a non-streamed answer shorter than its Content-Length says so. */
    @ParameterizedTest
    @ValueSource(strings = {"netty", "jdk"})
    void aBodyShorterThanItsContentLengthIsAProtocolViolation(String client) throws Exception {
        RunResult r = news("emulator.faults.answer-fault", "short-body", "news.stream", "false", "target.client", client);
        assertOnlyKind(r, FailureKind.PROTOCOL_VIOLATION);
        assertThat(overall(r).failures()).containsOnlyKeys("body shorter than Content-Length");
    }

    /** 11, 12: a non-streamed request that times out has no first token to miss. */
    @ParameterizedTest
    @ValueSource(strings = {"netty", "jdk"})
    void aNonStreamedTimeoutSaysNoResponse(String client) throws Exception {
        RunResult r = news("emulator.decode-step-base", "2s", "news.stream", "false", "target.request-timeout", "500ms",
                "target.client", client);
        assertOnlyKind(r, FailureKind.TIMEOUT_NO_FIRST_TOKEN);
        assertThat(overall(r).failures()).containsOnlyKeys("timeout after 500 ms (no response)");
    }

    /** 12: the server killed mid-level: requests that never reached it feed no throughput, and the level says so. */
    @Test
    void aServerKilledMidLevelLeavesADisturbedLevelWhoseFiguresCountOnlyWhatReachedIt() throws Exception {
        LlmEndpointEmulator server = EmulatorFixture.start(Map.of("decode-step-base", "5ms", "api-key", RunResult.canary()));
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        RunResult r;
        try {
            // killed once the load has run for a while, so the level has both kinds of request
            killer.scheduleWithFixedDelay(() -> {
                if (server.groundTruth().all().size() >= KILL_AFTER_REQUESTS) {
                    server.close();
                    killer.shutdown();
                }
            }, 10, 10, TimeUnit.MILLISECONDS);
            // the level runs its whole hold (the early stop on refused requests is LiveWatchIT's): the
            // rounding tolerance below is for a window of about 4 s
            r = news("target.base-url", server.baseUrl(), "target.model", EmulatorFixture.MODEL, "news.hold-time", "4s",
                    "abort.max-error-share", "100");
        } finally {
            killer.shutdownNow();
            server.close();
        }
        RunResult.Level level = r.level("categorise", 4);
        assertThat(level.notSent()).as("refused after the kill; KOs %s", level.failures()).isPositive();
        assertThat(level.failuresByKind()).containsKey(FailureKind.CONNECTION_REFUSED.key());
        long reached = level.requests() - level.notSent();
        // the summary gives req/s and the window to two decimals: 0.02 is that rounding, not slack
        assertThat(level.requestsPerSecond()).isCloseTo(reached / level.windowSeconds(), within(0.02))
                .isLessThan((reached + 1) / level.windowSeconds());
        assertThat(level.e2e().count()).isEqualTo(level.ok());
        assertThat(level.e2e().minMillis()).as("no refused request in the latency").isGreaterThan(20.0);
        JsonNode row = r.summary().at("/levels/0");
        assertThat(row.get("disturbed").asText()).startsWith(level.notSent() + " of " + level.requests() + " requests never reached the server");
        assertThat(r.console()).contains("WARNING categorise c=4 disturbed: ");
        r.assertEveryReportWritten();
    }

    /** Every report names the KO kinds, and InfluxDB's tag, the request log and the Markdown agree. */
    @Test
    void theRequestLogAndSummaryCarryTheKind() throws Exception {
        RunResult r = news("emulator.faults.answer-fault", "unparsable-chunk", "emulator.faults.answer-fault-rate", "0.5");
        RunResult.Level all = overall(r);
        assertThat(all.ok()).isPositive();
        assertThat(all.ko()).isPositive();
        List<JsonNode> requests = InProcessGatling.requests(r.reportDirectory());
        assertThat(requests.stream().filter(q -> q.has("failure_kind")).count()).isEqualTo(all.ko());
        assertThat(requests).filteredOn(q -> q.has("failure_kind"))
                .allSatisfy(q -> assertThat(q.get("failure_kind").asText()).isEqualTo("protocol_violation"));
        assertThat(r.file("llm-summary.md")).contains("| protocol_violation | chunk is not JSON | " + all.ko() + " |");
        assertThat(new String(Files.readAllBytes(r.reportDirectory().resolve("llm-summary.json")), StandardCharsets.UTF_8))
                .contains("\"failures_by_kind\" : {\n      \"protocol_violation\" : " + all.ko());
    }
}
