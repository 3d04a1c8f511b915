package io.llmload.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.runpod.RunPodEndpoint;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Before any load: is the target there, and does it serve what the run will ask for? An
 * OpenAI-compatible server must answer {@code /health} (vLLM, llama-server, TGI; 404 = the server has
 * none, as gateways) and list {@code target.model} in {@code /v1/models}; a RunPod endpoint must
 * answer its {@code /health} with the run's key. A server still loading (a refused connection, a 503)
 * is asked again every {@code retryEvery} until {@code wait} has passed; an answer that cannot change
 * (a model not served, a key refused) fails at once. Failures are one line naming the key to fix.
 */
public final class Readiness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);

    /** The target is not ready; the message is the one line to print. */
    public static final class NotReady extends RuntimeException {
        NotReady(String message) {
            super(message, null, false, false);
        }
    }

    /** An answer that will not change by waiting. */
    private static final class Final extends RuntimeException {
        Final(String message) {
            super(message, null, false, false);
        }
    }

    private final Poller poller;
    private final Duration wait;

    /**
     * @param timeout one probe's budget (target.request-timeout); @param maxBytes the largest answer read
     * @param wait    how long a server still starting is waited for (target.ready-wait)
     */
    public Readiness(Duration timeout, int maxBytes, Duration wait) {
        this.poller = new Poller("llmload-readiness", timeout, maxBytes);
        this.wait = wait;
    }

    /** Returns what was checked ("serves emulated-model; /health 200"), or throws {@link NotReady}. */
    public String requireModel(Endpoint endpoint, String model, KeySource key) {
        return retrying(() -> {
            String health = health(endpoint.serverRoot());
            return servedModels(endpoint, model, key) + "; " + health;
        });
    }

    /** Returns what was checked, or throws {@link NotReady}: the endpoint's /health with the run's key. */
    public String requireRunPod(RunPodEndpoint endpoint, KeySource key) {
        return retrying(() -> {
            URI uri = endpoint.uri("health");
            Poller.Reply reply = get(uri, HttpCall.bearer(endpoint.apiKey()));
            if (reply.status() == 401 || reply.status() == 403) throw new Final(key.refused(uri, reply.status(), endpoint.hasApiKey()));
            if (reply.status() == 404) {
                throw new Final("runpod.endpoint-id: GET " + uri + " answered HTTP 404: no endpoint \"" + endpoint.endpointId() + "\" there");
            }
            if (reply.status() != 200) throw new IllegalStateException("GET " + uri + " answered HTTP " + reply.status());
            JsonNode workers = parse(reply.body()).path("workers");
            return "RunPod /health 200 (workers ready " + workers.path("ready").asInt(workers.path("idle").asInt())
                    + ", running " + workers.path("running").asInt() + ")";
        });
    }

    private interface Probe {
        String run() throws IOException, InterruptedException;
    }

    private String retrying(Probe probe) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                try {
                    return probe.run();
                } catch (Final e) {
                    throw new NotReady(e.getMessage());
                } catch (IOException | IllegalStateException e) {
                    if (System.nanoTime() + RETRY_EVERY.toNanos() > deadline) {
                        throw new NotReady("target not ready" + (wait.isZero() ? "" : " after " + wait.toSeconds() + " s") + ": " + e.getMessage()
                                + (wait.isZero() ? " (target.ready-wait gives a starting server time)" : ""));
                    }
                    Thread.sleep(RETRY_EVERY.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady("target not ready: interrupted");
        } finally {
            poller.close();
        }
    }

    private String health(URI root) throws IOException, InterruptedException {
        URI uri = URI.create(root + "/health");
        Poller.Reply reply = get(uri, Map.of());
        if (reply.status() == 200) return "/health 200";
        if (reply.status() == 404 || reply.status() == 405) return "no /health (HTTP " + reply.status() + ")";
        throw new IllegalStateException("GET " + uri + " answered HTTP " + reply.status() + (reply.status() == 503 ? " (model still loading?)" : ""));
    }

    private String servedModels(Endpoint endpoint, String model, KeySource key) throws IOException, InterruptedException {
        URI uri = endpoint.resolve("/v1/models");
        Poller.Reply reply = get(uri, HttpCall.bearer(endpoint.apiKey()));
        if (reply.status() == 401 || reply.status() == 403) throw new Final(key.refused(uri, reply.status(), endpoint.hasApiKey()));
        if (reply.status() == 404 || reply.status() == 405) return "model list not offered (/v1/models HTTP " + reply.status() + "), model not checked";
        if (reply.status() != 200) throw new IllegalStateException("GET " + uri + " answered HTTP " + reply.status());
        List<String> served = new ArrayList<>();
        for (JsonNode m : parse(reply.body()).path("data")) served.add(m.path("id").asText());
        if (!served.contains(model)) {
            throw new Final("target.model: \"" + model + "\" is not served by " + endpoint.baseUri() + "; it serves: "
                    + (served.isEmpty() ? "(none listed)" : String.join(", ", served)));
        }
        return "serves " + model;
    }

    private Poller.Reply get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        try {
            return poller.get(uri, headers);
        } catch (java.net.ConnectException e) {
            throw new IOException("nothing answers at " + uri.getScheme() + "://" + uri.getAuthority() + " (connection refused)", e);
        } catch (IOException e) {
            throw new IOException("GET " + uri + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the answer is not JSON");
        }
    }

    /** Where the run's key comes from: the config key naming the variable, and the variable. */
    public record KeySource(String configKey, String variable) {
        String refused(URI uri, int status, boolean keySet) {
            return configKey + ": GET " + uri + " answered HTTP " + status + (keySet
                    ? ": the key in $" + variable + " was refused" : ": the server wants a key and $" + variable + " is not set");
        }
    }
}
