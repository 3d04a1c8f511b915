package io.llmload.client;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.Controller;
import io.gatling.core.controller.Controller$Command$StopLoadGenerator;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.llmload.metrics.Failure;
import io.llmload.metrics.RequestRecord;
import io.llmload.tokenizer.PromptTokenCounts;
import io.llmload.tokenizer.TokenCounter;
import scala.Option;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The one Gatling action of every request kind: opens the protocol's exchange, sends its calls
 * through the run's transport within the exchange's budget, and when the outcome is known builds
 * the record (the one place that does), logs Gatling's entries and resumes the virtual user:
 * {@code <name>} (sent → last byte, OK or KO), for a successful stream {@code <name> TTFT}, for a
 * successful job {@code <name> queue} and {@code <name> execution} (the platform's own times on
 * the timeline). Whatever throws, the request ends as a KO and its user goes on.
 */
final class RequestAction extends JavaAction {

    private final String name;
    private final Action next;
    private final StatsEngine statsEngine;
    private final ActorRef<Controller.Command> controller;
    private final Protocol protocol;
    private final Supplier<RunTarget> target;
    private final TokenCounter tokens = TokenCounter.cl100k();
    private final PromptTokenCounts promptTokens = new PromptTokenCounts(tokens);

    RequestAction(String name, Action next, StatsEngine statsEngine, ActorRef<Controller.Command> controller, Protocol protocol,
                  Supplier<RunTarget> target) {
        this.name = name;
        this.next = next;
        this.statsEngine = statsEngine;
        this.controller = controller;
        this.protocol = protocol;
        this.target = target;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void execute(Session session) {
        RunTarget t;
        Protocol.Exchange exchange;
        io.gatling.javaapi.core.Session user = new io.gatling.javaapi.core.Session(session);
        try {
            t = target.get();
            if (t.stop().reason() != null) {
                // The run is stopping early: no new request, so what the summary counts is settled. The user
                // goes no further either: ended, a closed model would start another at once, which ends at
                // once too, and that churn of user records queued ahead of the stats engine's stop held a
                // stopped run open for the rest of its hold (99 s of a 60 s hold on a CI machine).
                stopLoad(t);
                return;
            }
            exchange = protocol.open(user, t);
        } catch (RuntimeException e) {
            statsEngine.logRequestCrash(session.scenario(), session.groups(), name, "request: " + e.getMessage());
            next.execute(session.markAsFailed());
            return;
        }
        new Request(session, user, t, exchange).start();
    }

    /** Once a stop was asked for, tells Gatling's controller, exactly once. */
    private void stopLoad(RunTarget t) {
        if (t.stop().claim()) {
            // stop, not crash: Gatling still writes its report of what was measured (a crash would not)
            controller.$bang(new Controller$Command$StopLoadGenerator(t.stop().reason(), false));
        }
    }

    /** One request: its calls, its answers, its end. Its callbacks run one at a time (each call waits for the last). */
    private final class Request {
        private final Session session;
        /** The same session as the protocol sees it (Gatling's Java API): what it opened the exchange with, and what after() gets. */
        private final io.gatling.javaapi.core.Session user;
        private final RunTarget t;
        private final Protocol.Exchange exchange;
        private final int level;
        private final long startMillis = System.currentTimeMillis();
        private final long startNanos = System.nanoTime();
        private final long deadlineNanos;
        private Answer first;
        private Answer last;
        private int staleRetries;
        private boolean finished;
        private boolean warmUp;

        Request(Session session, io.gatling.javaapi.core.Session user, RunTarget t, Protocol.Exchange exchange) {
            this.session = session;
            this.user = user;
            this.t = t;
            this.exchange = exchange;
            this.level = Requests.level(session);
            this.deadlineNanos = startNanos + exchange.budget().toNanos();
        }

        void start() {
            warmUp = t.metrics().requestStarted(name, level);
            try {
                send(exchange.first());
            } catch (RuntimeException e) {
                finish(Outcome.failed(Failures.clientError("starting the request", e)));
            }
        }

        private void send(HttpCall call) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                apply(exchange.expired(last));
                return;
            }
            t.transport().send(session.eventLoop(), call, Duration.ofNanos(left), t.endpoint().readLimits(), this::onAnswer);
        }

        private void onAnswer(Answer answer) {
            if (first == null) first = answer;
            last = answer;
            staleRetries += answer.staleRetries();
            Step step;
            try {
                step = exchange.next(answer);
            } catch (RuntimeException e) {
                step = Step.done(Outcome.failed(Failures.clientError("reading the answer", e)));
            }
            apply(step);
        }

        private void apply(Step step) {
            if (step instanceof Step.Then then) {
                Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
                t.transport().schedule(session.eventLoop(), () -> {
                    try {
                        send(then.call());
                    } catch (RuntimeException e) {
                        finish(Outcome.failed(Failures.clientError("sending the next call", e)));
                    }
                }, then.after().compareTo(left) < 0 ? then.after() : left);
            } else if (step instanceof Step.Done done) {
                if (done.parting() != null) {
                    // best effort, not waited for: a job must not keep a worker busy after the request gave up on it
                    t.transport().send(session.eventLoop(), done.parting(), exchange.budget(), t.endpoint().readLimits(), ignored -> { });
                }
                finish(done.outcome());
            }
        }

        /**
         * The outcome is known, the answer timed already. The user's next request leaves at once, after Gatling's
         * entries of this one (cheap, and in order before the user's end); the record's token counts,
         * llmload's statistics and request log run as a task after the reads the loop has ready, so other
         * streams' chunks are timestamped first. Deferring the next request too held a closed model's users
         * out of flight while the loop read the rest of a burst of answers; the run's end waits for every
         * record ({@code LlmMetrics.inFlight}).
         */
        private void finish(Outcome outcome) {
            long endNanos = last == null ? System.nanoTime() : last.endNanos();
            if (session.eventLoop().inEventLoop()) end(outcome, endNanos);
            // the JDK client answers on its own threads: the user's next action runs on the user's event loop
            else onUsersLoop(() -> end(outcome, endNanos));
        }

        private void end(Outcome outcome, long endNanos) {
            if (finished) return;
            finished = true;
            if (exchange.pickedEndpoint() != null) t.endpoints().release(exchange.pickedEndpoint());
            RequestRecord.Timing timing = null;
            Session after;
            try {
                timing = timing(endNanos);
                after = logged(timing, outcome);
            } catch (RuntimeException e) {
                logger().underlying().error("llmload: could not record {}", name, e);
                after = session.markAsFailed();
            }
            RequestRecord.Timing timed = timing;
            try {
                next.execute(after);
            } finally {
                onUsersLoop(() -> publish(outcome, timed));
            }
        }

        /** Runs {@code task} on the user's event loop, after what it has ready; here if the run is shutting its loops down, rather than lose it. */
        private void onUsersLoop(Runnable task) {
            try {
                session.eventLoop().execute(task);
            } catch (RejectedExecutionException stopping) {
                task.run();
            }
        }

        /** Hands the request's record to llmload's statistics; a record that could not be built still ends the request there. */
        private void publish(Outcome outcome, RequestRecord.Timing timing) {
            RequestRecord r = null;
            try {
                if (timing != null) r = build(outcome, timing);
            } catch (RuntimeException e) {
                logger().underlying().error("llmload: could not record {}", name, e);
            }
            try {
                if (r == null) t.metrics().requestLost();
                else t.metrics().record(r);
            } catch (RuntimeException e) {
                logger().underlying().error("llmload: could not record {}", name, e);
            }
            stopLoad(t);
        }

        /** Logs Gatling's entries of the request; returns the user's session after it. */
        private Session logged(RequestRecord.Timing timing, Outcome outcome) {
            boolean ok = outcome.failure() == null;
            long endMillis = startMillis + timing.e2eNanos() / 1_000_000;
            // Gatling's report shows warm-up requests under a name of their own, as llmload's statistics keep them apart
            String shown = warmUp ? name + " warm-up" : name;
            int status = httpStatus();
            Option<String> code = status > 0 ? Option.apply(String.valueOf(status)) : Option.empty();
            if (ok && timing.ttftNanos() >= 0) {
                statsEngine.logResponse(session.scenario(), session.groups(), shown + " TTFT", startMillis,
                        startMillis + timing.ttftNanos() / 1_000_000, OK$.MODULE$, code, Option.empty());
            }
            Outcome.JobTimes job = outcome.job();
            if (ok && job != null) {
                long queueEnd = startMillis + job.queueMillis();
                statsEngine.logResponse(session.scenario(), session.groups(), shown + " queue", startMillis, queueEnd,
                        OK$.MODULE$, code, Option.empty());
                statsEngine.logResponse(session.scenario(), session.groups(), shown + " execution", queueEnd,
                        queueEnd + job.executionMillis(), OK$.MODULE$, code, Option.empty());
            }
            statsEngine.logResponse(session.scenario(), session.groups(), shown, startMillis, endMillis,
                    ok ? OK$.MODULE$ : KO$.MODULE$, code, ok ? Option.empty() : Option.apply(outcome.failure().reason()));
            Session after = exchange.after(user, outcome).asScala().logGroupRequestTimings(startMillis, endMillis);
            return ok ? after : after.markAsFailed();
        }

        /** The last answer's HTTP status; 0 when no answer came. */
        private int httpStatus() {
            return last == null ? 0 : last.status();
        }

        /** When the request was sent, its first token, its chunks' gaps and its end, from its answers. */
        private RequestRecord.Timing timing(long endNanos) {
            long sent = first == null ? startNanos : first.sentNanos();
            // TTFT and ITL are a single streamed call's (a job's polls are not a stream)
            boolean streamed = first != null && first == last && last.call().streamed();
            long ttft = streamed && last.hasFirstToken() ? last.firstContentNanos() - sent : -1;
            long ttfr = streamed && last.firstReasoningNanos() > 0 ? last.firstReasoningNanos() - sent : -1;
            long ttfo = streamed && last.firstAnswerNanos() > 0 ? last.firstAnswerNanos() - sent : -1;
            long toolCall = last == null || !exchange.answeredWithToolCall() ? -1
                    : streamed && last.lastToolCallNanos() > 0 ? last.lastToolCallNanos() - sent : endNanos - sent;
            return new RequestRecord.Timing(sent, sent - startNanos, endNanos - sent, ttft,
                    streamed ? last.interTokenNanos() : new long[0], streamed, ttfr, ttfo, toolCall);
        }

        /** The record of the request: the one place it is built, whatever the request kind. */
        private RequestRecord build(Outcome outcome, RequestRecord.Timing timing) {
            int clientOutput = tokens.count(outcome.text());
            String promptText = exchange.promptText();
            int clientPrompt = promptText == null ? -1 : promptTokens.count(promptText);
            boolean outputFromUsage = outcome.usageCompletionTokens() >= 0;
            boolean promptFromUsage = outcome.usagePromptTokens() >= 0;
            RequestRecord.Tokens counts = new RequestRecord.Tokens(
                    outputFromUsage ? outcome.usageCompletionTokens() : clientOutput, outputFromUsage, clientOutput,
                    promptFromUsage ? outcome.usagePromptTokens() : Math.max(0, clientPrompt), promptFromUsage, clientPrompt,
                    outcome.usageReasoningTokens(), outcome.usageCachedPromptTokens(), exchange.requestedOutputTokens());
            Outcome.JobTimes times = outcome.job();
            RequestRecord.Job job = times == null ? null
                    : new RequestRecord.Job(times.queueMillis() * 1_000_000, times.executionMillis() * 1_000_000);
            Failure failure = outcome.failure();
            Endpoint picked = exchange.pickedEndpoint();
            return new RequestRecord(name, session.scenario(), level, startMillis, timing, counts, job, failure,
                    httpStatus(), outcome.responseId(), staleRetries, outcome.rejectedServerValue(), warmUp,
                    exchange.mixedModel(), picked == null ? null : picked.baseUri().toString());
        }
    }
}
