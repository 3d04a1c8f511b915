package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.runpod.JobTrace;
import io.llmload.metrics.FailureKind;
import io.llmload.simulations.RunPodRampSimulation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RunPod jobs against an endpoint that misbehaves: times that cannot be true never reach Gatling's
 * log (whose report they broke), and a job whose budget is shorter than runsync's hold still comes
 * back with an id in time to be cancelled. Runs in the 256 MB heap of the hostile-endpoints execution.
 */
class HostileJobsIT {

    private static final Map<String, String> FAST = Map.of(
            "runpod.api-key-env", RunResult.CANARY_VARIABLE,
            "emulator.runpod.decode-step", "2ms", "emulator.runpod.dispatch-delay", "20ms",
            "runpod.health-poll-interval", "200ms", "runpod.poll-interval", "50ms",
            "runpod.ramp.levels", "2", "runpod.ramp.jobs-per-level", "12");
    private static long startedMillis;

    private static Served ramp(String... keyValues) {
        Map<String, String> all = new HashMap<>(FAST);
        for (int i = 0; i < keyValues.length; i += 2) all.put(keyValues[i], keyValues[i + 1]);
        return Served.run(RunPodRampSimulation.class, RunResult.withCanary(all), true);
    }

    @BeforeAll
    static void start() {
        startedMillis = System.currentTimeMillis() - 1000;
    }

    @AfterAll
    static void theCanaryKeyIsInNoOutputOfTheseRuns() throws Exception {
        RunResult.assertCanaryNowhere(startedMillis);
    }

    /** 9: delayTime and executionTime of 10^13 ms are rejected, counted, and kept out of Gatling's report. */
    @Test
    void jobTimesThatCannotBeTrueAreRejectedAndGatlingsReportIsWritten() throws Exception {
        try (Served served = ramp("emulator.runpod.faults.absurd-times-rate", "0.5")) {
        RunResult r = served.result();
        RunResult.Level jobs = r.overall("job");
        List<JobTrace> truth = served.emulator().runPod().finishedJobs();
        long absurd = truth.stream().filter(JobTrace::absurdTimes).count();
        assertThat(absurd).as("the fault hit some jobs, not all").isPositive().isLessThan(truth.size());
        assertThat(jobs.ko()).isZero();
        assertThat(jobs.rejectedServerValues()).containsExactly(Map.entry("job delayTime/executionTime out of range", absurd));
        assertThat(jobs.execution().count()).as("only true times are statistics").isEqualTo(jobs.ok() - absurd);
        assertThat(jobs.queue().maxMillis()).isLessThan(60_000.0);
        for (JsonNode job : r.requests()) {
            boolean rejected = job.has("rejected_server_value");
            assertThat(job.has("queue_ms")).as("job %s", job.get("id")).isEqualTo(!rejected);
        }
        assertThat(r.exit()).as("Gatling's report and assertions ran: the SLOs hold on the true times").isZero();
        r.assertEveryReportWritten();
        assertThat(r.file("index.html")).contains("job execution");
        assertThat(r.console()).contains("job: " + absurd + " answers carried a value that cannot be true, not used: job delayTime/executionTime out of range");
        }
    }

    /** 11: runsync is asked to wait less than the job's budget, so a job outliving it can be cancelled. */
    @Test
    void aJobBudgetShorterThanRunsyncsHoldStillCancelsTheJob() throws Exception {
        // 130 tokens at 50 ms: a 6.5 s job, a 1 s budget, and an endpoint that would hold runsync for 90 s
        try (Served served = ramp("emulator.runpod.decode-step", "50ms", "runpod.job-timeout", "1s", "runpod.poll-interval", "200ms",
                "runpod.ramp.jobs-per-level", "2", "emulator.runpod.runsync-wait", "90s")) {
        RunResult r = served.result();
        RunResult.Level jobs = r.overall("job");
        assertThat(jobs.failures()).containsExactly(Map.entry("timeout after 1000 ms (job cancelled)", 2L));
        assertThat(jobs.failuresByKind()).containsOnlyKeys(FailureKind.TIMEOUT_NO_FIRST_TOKEN.key());
        assertThat(jobs.failedLatency().maxMillis()).as("each job ended within its budget").isLessThan(1300.0);
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<JobTrace> truth = served.emulator().runPod().finishedJobs();
        while (truth.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            truth = served.emulator().runPod().finishedJobs();
        }
        assertThat(truth).extracting(JobTrace::status).containsExactly("CANCELLED", "CANCELLED");
        assertThat(r.console()).as("the jobs' key, not target.api-key-env's")
                .contains("RunPod endpoint emulated-endpoint, API key from $" + RunResult.CANARY_VARIABLE + ", netty client");
        }
    }
}
