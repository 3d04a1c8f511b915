package io.llmload.client.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.llmload.metrics.Failure;
import io.llmload.metrics.RequestRecord;
import io.llmload.client.Failures;
import io.llmload.client.JavaAction;
import io.llmload.client.LlmTarget;
import io.llmload.client.OpenAi;
import scala.Option;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One whole-body HTTP call (embeddings, a transcription): timed from send to the full answer,
 * checked, logged into Gatling's statistics and recorded in the LLM metrics. A non-2xx answer is a
 * KO {@code HTTP <status>: <detail>}; a 2xx answer that fails its check is a KO with the check's reason.
 */
final class HttpCallAction extends JavaAction {

    /** Builds the request; checks a 2xx body (null = fine) and counts its tokens. */
    interface Call {
        HttpRequest build(io.gatling.javaapi.core.Session session, LlmTarget target);

        Failure problem(io.gatling.javaapi.core.Session session, JsonNode body);

        default int promptTokens(JsonNode body) {
            return body.path("usage").path("prompt_tokens").asInt(0);
        }

        default int outputTokens(JsonNode body) {
            return 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String name;
    private final Action next;
    private final StatsEngine stats;
    private final Call call;
    private final Supplier<LlmTarget> target;

    HttpCallAction(String name, Action next, StatsEngine stats, Call call, Supplier<LlmTarget> target) {
        this.name = name;
        this.next = next;
        this.stats = stats;
        this.call = call;
        this.target = target;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void execute(Session session) {
        var javaSession = new io.gatling.javaapi.core.Session(session);
        LlmTarget t;
        HttpRequest request;
        try {
            t = target.get();
            request = call.build(javaSession, t);
        } catch (RuntimeException e) {
            stats.logRequestCrash(session.scenario(), session.groups(), name, "request: " + e.getMessage());
            next.execute(session.markAsFailed());
            return;
        }
        int level = OpenAi.level(session);
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        t.metrics().requestStarted();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> call;
        try {
            call = t.client().sendForText(request, t.endpoint().requestTimeout(), t.endpoint().readLimits().maxBodyBytes());
        } catch (RuntimeException e) {
            call = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        call.whenComplete((response, error) -> {
            long e2e = System.nanoTime() - startNanos;
            Session after = session;
            try {
                after = record(session, javaSession, t, response, error, level, startNanos, startMillis, e2e);
            } catch (RuntimeException e) {
                logger().underlying().error("llmload: could not record {}", name, e);
                after = session.markAsFailed();
            } finally {
                Session resumed = after;
                session.eventLoop().execute(() -> next.execute(resumed));
            }
        });
    }

    private Session record(Session session, io.gatling.javaapi.core.Session javaSession, LlmTarget t,
                           HttpResponse<String> response, Throwable error, int level, long startNanos, long startMillis, long e2e) {
        int status = response == null ? 0 : response.statusCode();
        Failure failure = null;
        JsonNode body = null;
        if (error != null) {
            failure = Failures.of(error);
        } else if (status / 100 != 2) {
            failure = Failures.http(status, response.body());
        } else {
            try {
                body = JSON.readTree(response.body());
            } catch (Exception e) {
                failure = Failures.BODY_NOT_JSON;
            }
            if (body != null) {
                failure = body.hasNonNull("error") ? Failures.errorInBody(io.llmload.client.ErrorBodies.message(response.body()))
                        : call.problem(javaSession, body);
            }
        }
        boolean ok = failure == null;
        long endMillis = startMillis + e2e / 1_000_000;
        stats.logResponse(session.scenario(), session.groups(), name, startMillis, endMillis, ok ? OK$.MODULE$ : KO$.MODULE$,
                status > 0 ? Option.apply(String.valueOf(status)) : Option.empty(), ok ? Option.empty() : Option.apply(failure.reason()));
        int output = body == null ? 0 : call.outputTokens(body);
        int prompt = body == null ? 0 : call.promptTokens(body);
        t.metrics().record(new RequestRecord(name, level, startMillis, ok, failure, status, e2e, -1, new long[0], output, false,
                output, prompt, body != null, -1, false, null, startNanos, 0, -1, -1, 0, null, session.scenario()));
        Session logged = session.logGroupRequestTimings(startMillis, endMillis);
        return ok ? logged : logged.markAsFailed();
    }
}
