package io.llmload.client.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.llmload.config.RunPodWorkload;
import io.llmload.metrics.Failure;
import io.llmload.metrics.RequestRecord;
import io.llmload.client.BoundedText;
import io.llmload.client.Failures;
import io.llmload.client.JavaAction;
import io.llmload.client.OpenAi;
import io.llmload.tokenizer.TokenCounter;
import scala.Option;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends one RunPod job and follows it to the end: {@code /runsync} (or {@code /run}), then
 * {@code /status/{id}} every poll interval while it is IN_QUEUE or IN_PROGRESS, and
 * {@code /cancel/{id}} when the job timeout runs out. Logs {@code <name>} (submit → final answer)
 * and, for completed jobs, {@code <name> queue} and {@code <name> execution} from the platform's
 * delayTime and executionTime into Gatling's statistics; the whole job goes to the LLM metrics.
 * The platform's times are used only when they can be true (0 ≤ each ≤ the client-observed total):
 * others are counted as rejected and never reach Gatling's log, whose report they would break.
 */
final class RunPodJobAction extends JavaAction {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String JOB_TIMES_OUT_OF_RANGE = "job delayTime/executionTime out of range";

    private final String name;
    private final Action next;
    private final StatsEngine statsEngine;
    private final RunPodWorkload workload;
    private final Function<io.gatling.javaapi.core.Session, String> prompt;
    private final Supplier<RunPodTarget> target;
    private final TokenCounter tokens = TokenCounter.cl100k();

    RunPodJobAction(String name, Action next, StatsEngine statsEngine, RunPodWorkload workload,
                    Function<io.gatling.javaapi.core.Session, String> prompt, Supplier<RunPodTarget> target) {
        this.name = name;
        this.next = next;
        this.statsEngine = statsEngine;
        this.workload = workload;
        this.prompt = prompt;
        this.target = target;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void execute(Session session) {
        String text;
        RunPodTarget t;
        try {
            text = prompt.apply(new io.gatling.javaapi.core.Session(session));
            t = target.get();
        } catch (RuntimeException e) {
            statsEngine.logRequestCrash(session.scenario(), session.groups(), name, "prompt: " + e.getMessage());
            next.execute(session.markAsFailed());
            return;
        }
        t.metrics().requestStarted();
        Job job = new Job(session, t, text);
        try {
            job.submit();
        } catch (RuntimeException e) {
            job.finish(Failures.clientError("submitting the job", e), -1, null);
        }
    }

    /** A time the platform reports can be true only within the time the client waited for the job (absent is fine). */
    static boolean plausible(long millis, long e2eNanos) {
        return millis == JobStatus.ABSENT || millis >= 0 && millis <= e2eNanos / 1_000_000;
    }

    static String body(String inputTemplate, String promptText) {
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(promptText));
        return "{\"input\":" + inputTemplate.replace(RunPodWorkload.PROMPT_PLACEHOLDER, escaped) + "}";
    }

    /** One job's round trips; its callbacks run on the HTTP client's and the timer's threads, one at a time. */
    private final class Job {
        private final Session session;
        private final RunPodTarget t;
        private final String promptText;
        private final int level;
        private final long startNanos = System.nanoTime();
        private final long startMillis = System.currentTimeMillis();
        private final long deadlineNanos = startNanos + workload.jobTimeout().toNanos();
        private String jobId;
        private boolean done;

        Job(Session session, RunPodTarget t, String promptText) {
            this.session = session;
            this.t = t;
            this.promptText = promptText;
            this.level = OpenAi.level(session);
        }

        void submit() {
            // runsync holds the request up to ?wait= ms: less than the job's budget, so a pending job's id
            // always comes back in time to be cancelled when the budget runs out
            String operation = workload.mode() == RunPodWorkload.Mode.SYNC ? "runsync?wait=" + runsyncWaitMillis() : "run";
            HttpRequest request = t.request(operation, remaining())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(workload.inputTemplate(), promptText)))
                    .build();
            send(request);
        }

        private long runsyncWaitMillis() {
            return Math.max(1, workload.jobTimeout().minus(workload.pollInterval()).toMillis());
        }

        private void send(HttpRequest request) {
            t.client().sendForText(request, remaining(), t.readLimits().maxBodyBytes()).whenComplete((response, error) -> {
                try {
                    handle(response, error);
                } catch (RuntimeException e) {
                    finish(Failures.clientError("reading the job", e), -1, null);
                }
            });
        }

        private void handle(HttpResponse<String> response, Throwable error) {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
                boolean timedOut = cause instanceof HttpTimeoutException || cause instanceof BoundedText.BudgetExceeded;
                if (timedOut) timeout();
                else finish(Failures.of(cause), -1, null);
                return;
            }
            if (response.statusCode() != 200) {
                finish(JobFailures.http(response.statusCode(), response.body()), response.statusCode(), null);
                return;
            }
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (Exception e) {
                finish(JobFailures.invalidResponse("not JSON"), 200, null);
                return;
            }
            JobStatus status = JobStatus.parse(json);
            if (status.completed()) {
                finish(null, 200, status);
            } else if (status.pending()) {
                if (status.id() == null) {
                    finish(JobFailures.invalidResponse("a pending job without an id"), 200, status);
                    return;
                }
                jobId = status.id();
                pollLater();
            } else {
                finish(JobFailures.job(status), 200, status);
            }
        }

        private void pollLater() {
            Duration wait = workload.pollInterval();
            Duration left = remaining();
            t.client().schedule(() -> {
                try {
                    if (System.nanoTime() >= deadlineNanos) timeout();
                    else send(t.request("status/" + jobId, remaining()).GET().build());
                } catch (RuntimeException e) {
                    finish(Failures.clientError("polling the job", e), -1, null);
                }
            }, left.compareTo(wait) < 0 ? left : wait);
        }

        private void timeout() {
            if (jobId != null) {
                // best effort: the job must not keep a worker busy after we gave up on it
                t.client().sendForText(t.request("cancel/" + jobId, workload.jobTimeout())
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), workload.jobTimeout(), t.readLimits().maxBodyBytes());
            }
            finish(JobFailures.timeout(workload.jobTimeout().toMillis(), jobId != null), -1, null);
        }

        private Duration remaining() {
            return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
        }

        void finish(Failure failure, int httpStatus, JobStatus status) {
            if (done) return;
            done = true;
            long endNanos = System.nanoTime();
            Session after = session;
            try {
                after = record(failure, httpStatus, status, endNanos);
            } catch (RuntimeException e) {
                logger().underlying().error("llmload: could not record {}", name, e);
                after = session.markAsFailed();
            } finally {
                Session resumed = after;
                session.eventLoop().execute(() -> next.execute(resumed));
            }
        }

        private Session record(Failure failure, int httpStatus, JobStatus status, long endNanos) {
            boolean ok = failure == null;
            long e2e = endNanos - startNanos;
            long endMillis = startMillis + e2e / 1_000_000;
            Option<String> code = httpStatus > 0 ? Option.apply(String.valueOf(httpStatus)) : Option.empty();
            long delay = status == null || !status.hasDelayTime() ? -1 : status.delayTimeMillis();
            long execution = status == null || !status.hasExecutionTime() ? -1 : status.executionTimeMillis();
            String rejected = null;
            if (status != null && !(plausible(status.delayTimeMillis(), e2e) && plausible(status.executionTimeMillis(), e2e))) {
                rejected = JOB_TIMES_OUT_OF_RANGE;
                delay = -1;
                execution = -1;
            }
            if (ok && delay >= 0 && execution >= 0) {
                statsEngine.logResponse(session.scenario(), session.groups(), name + " queue", startMillis,
                        startMillis + delay, OK$.MODULE$, code, Option.empty());
                statsEngine.logResponse(session.scenario(), session.groups(), name + " execution", startMillis + delay,
                        startMillis + delay + execution, OK$.MODULE$, code, Option.empty());
            }
            statsEngine.logResponse(session.scenario(), session.groups(), name, startMillis, endMillis,
                    ok ? OK$.MODULE$ : KO$.MODULE$, code, ok ? Option.empty() : Option.apply(failure.reason()));
            int clientOutput = ok ? tokens.count(status.outputText()) : 0;
            boolean usage = ok && status.usageOutputTokens() >= 0;
            boolean promptUsage = status != null && status.usagePromptTokens() >= 0;
            int clientPrompt = tokens.count(promptText);
            int promptTokens = promptUsage ? status.usagePromptTokens() : clientPrompt;
            t.metrics().record(new RequestRecord(name, level, startMillis, ok, failure, httpStatus, e2e, -1, new long[0],
                    usage ? status.usageOutputTokens() : clientOutput, usage, clientOutput, promptTokens, promptUsage, clientPrompt,
                    false, jobId != null ? jobId : status == null ? null : status.id(), startNanos, 0,
                    delay < 0 ? -1 : delay * 1_000_000, execution < 0 ? -1 : execution * 1_000_000, 0, rejected,
                    session.scenario()));
            Session logged = session.logGroupRequestTimings(startMillis, endMillis);
            return ok ? logged : logged.markAsFailed();
        }
    }
}
