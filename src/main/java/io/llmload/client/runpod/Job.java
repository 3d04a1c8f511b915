package io.llmload.client.runpod;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.Session;
import io.llmload.client.Answer;
import io.llmload.client.HttpCall;
import io.llmload.client.JsonAnswer;
import io.llmload.client.Outcome;
import io.llmload.client.Protocol;
import io.llmload.client.RunTarget;
import io.llmload.client.Step;
import io.llmload.config.RunPodWorkload;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A RunPod serverless job, followed to its end: {@code /runsync} (or {@code /run}), then
 * {@code /status/{id}} every poll interval while it is IN_QUEUE or IN_PROGRESS, and a parting
 * {@code /cancel/{id}} when the job's budget runs out. runsync is asked to hold the request less
 * than that budget ({@code ?wait=}), so a pending job's id always comes back in time to cancel it.
 * The platform's delayTime and executionTime are used only when they can be true (0 ≤ each ≤ the
 * client-observed total); others are counted as rejected and never reach Gatling's log.
 */
record Job(RunPodWorkload workload, Supplier<RunPodEndpoint> endpoint, Function<Session, String> prompt) implements Protocol {

    static final String JOB_TIMES_OUT_OF_RANGE = "job delayTime/executionTime out of range";

    @Override
    public Exchange open(Session session, RunTarget target) {
        return new JobExchange(endpoint.get(), prompt.apply(session));
    }

    static String body(String inputTemplate, String promptText) {
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(promptText));
        return "{\"input\":" + inputTemplate.replace(RunPodWorkload.PROMPT_PLACEHOLDER, escaped) + "}";
    }

    /** A time the platform reports can be true only within the time the client waited for the job (absent is fine). */
    static boolean plausible(long millis, long totalNanos) {
        return millis == JobStatus.ABSENT || millis >= 0 && millis <= totalNanos / 1_000_000;
    }

    private final class JobExchange implements Exchange {
        private final RunPodEndpoint runpod;
        private final String promptText;
        private long firstSentNanos = -1;
        private String jobId;

        JobExchange(RunPodEndpoint runpod, String promptText) {
            this.runpod = runpod;
            this.promptText = promptText;
        }

        @Override
        public HttpCall first() {
            String operation = workload.mode() == RunPodWorkload.Mode.SYNC ? "runsync?wait=" + runsyncWaitMillis() : "run";
            return HttpCall.postJson(runpod.uri(operation), body(workload.inputTemplate(), promptText), false, runpod.apiKey(),
                    JobDecoder.create());
        }

        private long runsyncWaitMillis() {
            return Math.max(1, workload.jobTimeout().minus(workload.pollInterval()).toMillis());
        }

        @Override
        public Step next(Answer answer) {
            if (firstSentNanos < 0) firstSentNanos = answer.sentNanos();
            if (answer.failure() != null) {
                FailureKind kind = answer.failure().kind();
                boolean timedOut = kind == FailureKind.TIMEOUT_NO_FIRST_TOKEN || kind == FailureKind.TIMEOUT_MID_STREAM;
                return timedOut ? expired(answer) : Step.done(failed(answer.failure()));
            }
            JsonNode json = ((JsonAnswer) answer.call().decoder()).json();
            JobStatus status = JobStatus.parse(json);
            if (status.completed()) return Step.done(completed(status, answer.endNanos() - firstSentNanos));
            if (status.pending()) {
                if (status.id() == null) return Step.done(failed(JobFailures.invalidResponse("a pending job without an id")));
                jobId = status.id();
                return Step.then(HttpCall.get(runpod.uri("status/" + jobId), runpod.apiKey(), JobDecoder.create()), workload.pollInterval());
            }
            if (jobId == null) jobId = status.id();
            return Step.done(failed(JobFailures.job(status)));
        }

        private Outcome completed(JobStatus status, long totalNanos) {
            boolean trueTimes = plausible(status.delayTimeMillis(), totalNanos) && plausible(status.executionTimeMillis(), totalNanos);
            Outcome.JobTimes times = trueTimes && status.hasDelayTime() && status.hasExecutionTime()
                    ? new Outcome.JobTimes(status.delayTimeMillis(), status.executionTimeMillis()) : null;
            return new Outcome(null, status.outputText(), status.usagePromptTokens(), status.usageOutputTokens(), times,
                    jobId != null ? jobId : status.id(), trueTimes ? null : JOB_TIMES_OUT_OF_RANGE);
        }

        private Outcome failed(Failure failure) {
            return new Outcome(failure, "", -1, -1, null, jobId, null);
        }

        @Override
        public Step expired(Answer last) {
            Outcome timedOut = failed(JobFailures.timeout(workload.jobTimeout().toMillis(), jobId != null));
            if (jobId == null) return Step.done(timedOut);
            // the job must not keep a worker busy after the request gave up on it
            HttpCall cancel = HttpCall.postJson(runpod.uri("cancel/" + jobId), "", false, runpod.apiKey(), JobDecoder.create());
            return Step.doneAfter(timedOut, cancel);
        }

        @Override
        public Duration budget() {
            return workload.jobTimeout();
        }

        @Override
        public String promptText() {
            return promptText;
        }
    }
}
