package io.llmload.client;

import io.llmload.config.ApiStyle;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.llmload.metrics.Failure;
import io.llmload.metrics.LlmMetrics;
import io.llmload.tokenizer.TokenCounter;
import scala.Option;

import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Gatling action that sends one LLM request and, when its last byte arrives, logs two entries
 * into Gatling's statistics: {@code <name>} (sent → last byte, the whole stream) and, for streams,
 * {@code <name> TTFT} (sent → first content chunk). Gatling's SSE support would only time the
 * connect; this times the tokens. Every request also goes to the LLM metric recorder.
 */
final class LlmRequestAction extends JavaAction {

    private final String name;
    private final Action next;
    private final StatsEngine statsEngine;
    private final CompletionCall call;
    private final Function<io.gatling.javaapi.core.Session, String> prompt;
    private final Function<io.gatling.javaapi.core.Session, String> image;
    private final AnswerCheck answerCheck;
    private final Supplier<LlmTarget> target;
    private final TokenCounter tokens = TokenCounter.cl100k();

    LlmRequestAction(String name, Action next, StatsEngine statsEngine, CompletionCall call,
                     Function<io.gatling.javaapi.core.Session, String> prompt,
                     Function<io.gatling.javaapi.core.Session, String> image, AnswerCheck answerCheck,
                     Supplier<LlmTarget> target) {
        this.image = image;
        this.name = name;
        this.next = next;
        this.statsEngine = statsEngine;
        this.call = call;
        this.prompt = prompt;
        this.answerCheck = answerCheck;
        this.target = target;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void execute(Session session) {
        LlmTarget t;
        String text;
        String imageUrl;
        try {
            t = target.get();
            var javaSession = new io.gatling.javaapi.core.Session(session);
            text = prompt.apply(javaSession);
            imageUrl = image == null ? null : image.apply(javaSession);
        } catch (RuntimeException e) {
            statsEngine.logRequestCrash(session.scenario(), session.groups(), name, "prompt: " + e.getMessage());
            next.execute(session.markAsFailed());
            return;
        }
        int level = OpenAi.level(session);
        long startMillis = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        t.metrics().requestStarted();
        Consumer<LlmResponse> onDone = response -> done(session, response, text, level, startMillis, t);
        try {
            t.client().postJson(session.eventLoop(), t.endpoint(), call.api().path(), call.body(text, imageUrl),
                    call.api() == ApiStyle.CHAT, call.stream(), onDone);
        } catch (RuntimeException e) {
            // whatever broke while starting the request ends it as a KO: its virtual user must go on
            long now = System.nanoTime();
            onDone.accept(new LlmResponse(startNanos, startNanos, now, -1, new long[0], 0, null, "", null, 0, -1, -1,
                    false, 0, Failures.clientError("starting the request", e)));
        }
    }

    /** The response is timed already; its bookkeeping runs as a task after the reads the loop has ready,
     *  so other streams' chunks are timestamped before this one's statistics and token count. */
    private void done(Session session, LlmResponse response, String text, int level, long startMillis, LlmTarget t) {
        Runnable bookkeeping = () -> {
            Session after = session;
            try {
                after = finish(session, response, text, level, startMillis, t.metrics());
            } catch (RuntimeException e) {
                logger().underlying().error("llmload: could not record {}", name, e);
                after = session.markAsFailed();
            }
            next.execute(after);
        };
        try {
            session.eventLoop().execute(bookkeeping);
        } catch (RejectedExecutionException stopping) {
            // the run is shutting its loops down: record the measured response here rather than lose it
            bookkeeping.run();
        }
    }

    private Session finish(Session session, LlmResponse response, String promptText, int level, long startMillis,
                           LlmMetrics metrics) {
        if (response.ok()) {
            Failure problem = answerCheck.problem(response.text());
            if (problem != null) response = response.withFailure(problem);
        }
        long endMillis = startMillis + (response.endNanos() - response.startNanos()) / 1_000_000;
        Option<String> code = response.httpStatus() > 0 ? Option.apply(String.valueOf(response.httpStatus())) : Option.empty();
        // TTFT is a successful request's: a stream the server then broke must not count as a fast first token
        if (response.ok() && call.stream() && response.hasFirstToken()) {
            long ttftEnd = startMillis + (response.firstContentNanos() - response.startNanos()) / 1_000_000;
            statsEngine.logResponse(session.scenario(), session.groups(), name + " TTFT", startMillis, ttftEnd,
                    OK$.MODULE$, code, Option.empty());
        }
        statsEngine.logResponse(session.scenario(), session.groups(), name, startMillis, endMillis,
                response.ok() ? OK$.MODULE$ : KO$.MODULE$, code,
                response.ok() ? Option.empty() : Option.apply(response.failure().reason()));
        int clientOutput = tokens.count(response.text());
        // counted always: the server's prompt_tokens far below it means the server cut the prompt
        int clientPrompt = tokens.count(promptText);
        metrics.record(response.toRecord(name, level, startMillis, clientOutput, clientPrompt, call.stream(), session.scenario()));
        Session logged = session.logGroupRequestTimings(startMillis, endMillis);
        return response.ok() ? logged : logged.markAsFailed();
    }
}
