package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.runpod.JobTrace;
import io.llmload.simulations.RunPodRampSimulation;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * RunPodRampSimulation against the emulator's RunPod mode: the queue/execution breakdown against
 * the emulator's per-job ground truth, the autoscaler, sync polling, async, cancel and every KO kind.
 */
class RunPodSimulationIT {

    /** ~265 ms jobs (130 tokens × 2 ms), a 20 ms hand-off, no /health polling. */
    private static final Map<String, String> FAST = Map.of(
            "emulator.runpod.decode-step", "2ms", "emulator.runpod.dispatch-delay", "20ms",
            "runpod.health-poll-interval", "0s", "runpod.poll-interval", "50ms",
            "runpod.ramp.levels", "2", "runpod.ramp.jobs-per-level", "6");

    private static Map<String, String> with(Map<String, String> extra) {
        return InProcessGatling.overrides(FAST, extra);
    }

    /** Worker cost from the /health series at known prices: the starts it saw are the emulator's cold starts. */
    @Test
    void workerCostFollowsTheHealthSeriesAndThePrices() throws Exception {
        Map<String, String> keys = new HashMap<>(Map.of(
                "runpod.ramp.levels", "4", "runpod.ramp.jobs-per-level", "24", "runpod.health-poll-interval", "50ms",
                "emulator.runpod.workers-min", "1", "emulator.runpod.workers-max", "4", "emulator.runpod.cold-start", "600ms",
                "cost.worker-hour-flex", "3.6", "cost.worker-hour-active", "1.8", "cost.active-workers", "2"));
        for (String slo : List.of("execution-p50", "execution-p95", "total-p50", "total-p95", "queue-p50", "success-rate")) {
            keys.put("slo.runpod-ramp." + slo + ".level", "4");
        }
        try (Served served = Served.run(RunPodRampSimulation.class, with(keys))) {
            JsonNode cost = served.result().section("worker_cost");
            long coldStarts = served.emulator().runPod().coldStarts();
            assertThat(coldStarts).isPositive();
            assertThat(cost.get("worker_starts").asLong()).as("starts seen in /health polled every 50 ms").isEqualTo(coldStarts);
            assertThat(cost.get("run_cost").asDouble()).isCloseTo(cost.get("flex_worker_hours").asDouble() * 3.6, within(0.01));
            assertThat(cost.get("flex_worker_hours").asDouble()).isPositive();
            assertThat(cost.get("active_workers_per_month").asDouble()).isEqualTo(2 * 730 * 1.8);
        }
    }

    /** The figures at c=4 and the emulator's cold starts. */
    private record AtC4(RunResult.Level level, long coldStarts) {
    }

    private static AtC4 runAtC4(int scalerValue) throws Exception {
        Map<String, String> c4 = new HashMap<>(Map.of(
                "runpod.ramp.levels", "4", "runpod.ramp.jobs-per-level", "40",
                "emulator.runpod.workers-min", "2", "emulator.runpod.workers-max", "5",
                "emulator.runpod.cold-start", "1s", "emulator.runpod.scaler-value", String.valueOf(scalerValue)));
        // the ramp's SLOs are judged at c=2; this run has only c=4
        for (String slo : List.of("execution-p50", "execution-p95", "total-p50", "total-p95", "queue-p50", "success-rate")) {
            c4.put("slo.runpod-ramp." + slo + ".level", "4");
        }
        try (Served served = Served.run(RunPodRampSimulation.class, with(c4))) {
            assertThat(served.result().exit()).isZero();
            assertReportedBreakdownIsTheEmulators(served);
            return new AtC4(served.result().level("job", 4), served.emulator().runPod().coldStarts());
        }
    }

    @Test
    void aLowerScalerValueStartsWorkersAndCutsTheQueueAtC4() throws Exception {
        AtC4 aggressive = runAtC4(1);
        AtC4 lazy = runAtC4(4);

        assertThat(aggressive.coldStarts()).as("scalerValue=1 asks for 4 workers: 2 more than workersMin").isEqualTo(2);
        assertThat(lazy.coldStarts()).as("scalerValue=4 wants ceil(4/4)=1 worker: workersMin suffices").isZero();
        double executionP50 = lazy.level().execution().percentileMillis(50);
        assertThat(lazy.level().queue().percentileMillis(50)).as("c=4 on 2 workers: a job waits about one execution")
                .isGreaterThan(executionP50 * 0.8);
        assertThat(aggressive.level().queue().percentileMillis(50)).as("queue P50, scalerValue 1 vs 4")
                .isLessThan(lazy.level().queue().percentileMillis(50) / 2);
        assertThat(aggressive.level().successPercent()).isEqualTo(100.0);
    }

    /** Every job's queue and execution time in the results equals the job JSON's delayTime and executionTime. */
    private static void assertReportedBreakdownIsTheEmulators(Served served) throws Exception {
        Map<String, JobTrace> truth = served.emulator().runPod().finishedJobs().stream()
                .collect(Collectors.toMap(JobTrace::id, Function.identity()));
        List<JsonNode> jobs = served.result().requests();
        assertThat(jobs).hasSize(truth.size()).isNotEmpty();
        for (JsonNode job : jobs) {
            JobTrace t = truth.get(job.get("id").asText());
            assertThat(t).as("ground truth of %s", job.get("id")).isNotNull();
            assertThat(job.get("queue_ms").asLong()).isEqualTo(t.delayTimeMillis());
            assertThat(job.get("execution_ms").asLong()).isEqualTo(t.executionTimeMillis());
            assertThat(job.get("output_tokens").asInt()).isEqualTo(t.outputTokens());
            assertThat(job.get("prompt_tokens").asInt()).isEqualTo(t.promptTokens());
            assertThat(job.get("overhead_ms").asDouble()).as("client total covers the platform's times").isGreaterThan(-1.0);
        }
    }

    @Test
    void syncJobsThatOutlastTheRunsyncWaitArePolledToCompletion() throws Exception {
        try (Served served = Served.run(RunPodRampSimulation.class, with(Map.of("emulator.runpod.runsync-wait", "30ms")))) {
            assertThat(served.result().exit()).isZero();
            assertThat(served.result().overall("job").ok()).isEqualTo(6);
            assertThat(served.emulator().runPod().statusRequests()).as("each job needed /status after runsync answered IN_PROGRESS")
                    .isGreaterThanOrEqualTo(6);
            assertReportedBreakdownIsTheEmulators(served);
        }
    }

    @Test
    void syncJobsWithinTheRunsyncWaitNeedNoPolling() throws Exception {
        try (Served served = Served.run(RunPodRampSimulation.class, FAST)) {
            assertThat(served.result().exit()).isZero();
            assertThat(served.result().overall("job").ok()).isEqualTo(6);
            assertThat(served.emulator().runPod().statusRequests()).isZero();
            assertReportedBreakdownIsTheEmulators(served);
        }
    }

    @Test
    void asyncJobsArePolledUntilCompleted() throws Exception {
        try (Served served = Served.run(RunPodRampSimulation.class, with(Map.of("runpod.mode", "async")))) {
            assertThat(served.result().exit()).isZero();
            RunResult.Level stats = served.result().overall("job");
            assertThat(stats.ok()).isEqualTo(6);
            assertThat(served.emulator().runPod().statusRequests()).isGreaterThanOrEqualTo(6);
            assertThat(stats.overhead().percentileMillis(99)).as("the client sees the end within one poll interval")
                    .isLessThan(50 + 40);
            assertReportedBreakdownIsTheEmulators(served);
        }
    }

    @Test
    void aJobStillRunningAtTheJobTimeoutIsCancelled() {
        try (Served served = Served.run(RunPodRampSimulation.class, with(Map.of("runpod.mode", "async", "runpod.job-timeout", "150ms")))) {
            assertThat(served.result().exit()).as("success-rate SLO").isEqualTo(2);
            assertThat(served.result().overall("job").failures()).containsExactly(Map.entry("timeout after 150 ms (job cancelled)", 6L));
            List<JobTrace> truth = awaitFinished(served, 6);
            assertThat(truth).extracting(JobTrace::status).containsOnly("CANCELLED").hasSize(6);
        }
    }

    @Test
    void failedTimedOutUnauthorisedRateLimitedAndServerErrorsAreDistinctKos() {
        assertFailure(Map.of("emulator.runpod.faults.failed-rate", "1"),
                "job FAILED: handler raised an exception: injected fault (emulator.runpod.faults.failed-rate)", "FAILED");
        assertFailure(Map.of("emulator.runpod.execution-timeout", "100ms"),
                "job TIMED_OUT: job exceeded the execution timeout of 100 ms", "TIMED_OUT");
        assertFailure(Map.of("emulator.api-key", "the-right-key", "runpod.api-key-env", "LLMLOAD_UNSET_VARIABLE", "target.ready-check", "false"),
                "HTTP 401 unauthorized: Unauthorized: missing or invalid API key", null);
        assertFailure(Map.of("emulator.runpod.faults.http-error-rate", "1", "emulator.runpod.faults.http-error-status", "429"),
                "HTTP 429 rate limited: injected fault (emulator.runpod.faults.http-error-rate): HTTP 429", null);
        assertFailure(Map.of("emulator.runpod.faults.http-error-rate", "1", "emulator.runpod.faults.http-error-status", "503"),
                "HTTP 503 server error: injected fault (emulator.runpod.faults.http-error-rate): HTTP 503", null);
    }

    private static void assertFailure(Map<String, String> fault, String reason, String jobStatus) {
        try (Served served = Served.run(RunPodRampSimulation.class, with(fault))) {
            assertThat(served.result().exit()).as("%s fails the success-rate SLO", reason).isEqualTo(2);
            assertThat(served.result().overall("job").failures()).containsExactly(Map.entry(reason, 6L));
            List<JobTrace> truth = served.emulator().runPod().finishedJobs();
            if (jobStatus == null) {
                assertThat(truth).as("rejected before a job existed").isEmpty();
            } else {
                assertThat(truth).extracting(JobTrace::status).containsOnly(jobStatus).hasSize(6);
            }
        }
    }

    private static List<JobTrace> awaitFinished(Served served, int count) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        List<JobTrace> jobs = served.emulator().runPod().finishedJobs();
        while (jobs.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            jobs = served.emulator().runPod().finishedJobs();
        }
        return jobs;
    }
}
