package io.llmload.emulator.runpod;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.emulator.AnswerWriter;
import io.llmload.emulator.HttpReplies;
import io.llmload.tokenizer.TokenCounter;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RunPod's serverless job API under {@code /v2/{endpoint-id}/}: {@code run}, {@code runsync},
 * {@code status/{job}}, {@code cancel/{job}} and {@code health}. Job bodies are those of RunPod's
 * vLLM worker: {@code {"input": {"prompt": ..., "sampling_params": {"max_tokens": ...}}}} in, and
 * {@code output: [{"choices": [{"tokens": [...]}], "usage": {"input": n, "output": m}}]} out.
 * Other paths pass on to the next handler.
 */
@ChannelHandler.Sharable
public final class RunPodHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String PREFIX = "/v2/";
    /** The absurd-times fault's delayTime and executionTime: about 317 years. */
    static final long ABSURD_MILLIS = 10_000_000_000_000L;
    private final ServerlessEndpoint endpoint;
    private final String apiKey;
    private final TokenCounter tokenizer;
    private final AnswerWriter answers;
    private final long seed;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ordinals = new AtomicLong();

    public RunPodHttpHandler(ServerlessEndpoint endpoint, String apiKey, TokenCounter tokenizer, long seed) {
        super(false);
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.tokenizer = tokenizer;
        this.answers = new AnswerWriter(seed);
        this.seed = seed;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).path();
        if (!path.startsWith(PREFIX)) {
            ctx.fireChannelRead(req);
            return;
        }
        try {
            route(ctx, req, path);
        } finally {
            req.release();
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String[] parts = path.substring(PREFIX.length()).split("/");
        if (!authorised(req)) {
            reply(ctx, keepAlive, 401, "{\"error\":\"Unauthorized: missing or invalid API key\"}");
            return;
        }
        if (parts.length < 2 || !parts[0].equals(endpoint.settings().endpointId())) {
            reply(ctx, keepAlive, 404, "{\"error\":\"endpoint not found\"}");
            return;
        }
        String op = parts[1];
        boolean post = HttpMethod.POST.equals(req.method());
        if (post && (op.equals("run") || op.equals("runsync")) && parts.length == 2) {
            String body = req.content().toString(StandardCharsets.UTF_8);
            long waitMillis = waitMillis(req);
            submit(ctx, keepAlive, body, op.equals("runsync"), waitMillis);
        } else if (op.equals("status") && parts.length == 3) {
            endpoint.countStatusRequest();
            onLoop(() -> {
                Job job = endpoint.find(parts[2]);
                if (job == null) reply(ctx, keepAlive, 404, "{\"error\":\"job " + parts[2] + " not found\"}");
                else reply(ctx, keepAlive, 200, jobJson(job));
            });
        } else if (post && op.equals("cancel") && parts.length == 3) {
            onLoop(() -> {
                Job job = endpoint.find(parts[2]);
                if (job == null) {
                    reply(ctx, keepAlive, 404, "{\"error\":\"job " + parts[2] + " not found\"}");
                } else {
                    endpoint.cancel(job);
                    reply(ctx, keepAlive, 200, "{\"id\":\"" + job.id + "\",\"status\":\"" + job.status + "\"}");
                }
            });
        } else if (op.equals("health") && parts.length == 2) {
            onLoop(() -> reply(ctx, keepAlive, 200, write(endpoint.health())));
        } else {
            reply(ctx, keepAlive, 404, "{\"error\":\"no route for " + req.method() + " " + path + "\"}");
        }
    }

    /** How long runsync holds the request: {@code ?wait=<ms>}, at most runsync-wait (the platform's own limit). */
    private long waitMillis(FullHttpRequest req) {
        long most = endpoint.settings().runsyncWait().toMillis();
        List<String> wait = new QueryStringDecoder(req.uri()).parameters().get("wait");
        if (wait != null && !wait.isEmpty()) {
            try {
                return Math.max(0, Math.min(most, Long.parseLong(wait.get(0))));
            } catch (NumberFormatException ignored) {
                // RunPod ignores a bad wait and uses its default
            }
        }
        return most;
    }

    private void submit(ChannelHandlerContext ctx, boolean keepAlive, String body, boolean sync, long waitMillis) {
        long ordinal = ordinals.incrementAndGet();
        if (endpoint.draw(ordinal, 1) < endpoint.settings().httpErrorRate()) {
            int status = endpoint.settings().httpErrorStatus();
            reply(ctx, keepAlive, status, "{\"error\":\"injected fault (emulator.runpod.faults.http-error-rate): HTTP " + status + "\"}");
            return;
        }
        JsonNode input;
        try {
            input = json.readTree(body).get("input");
        } catch (Exception e) {
            reply(ctx, keepAlive, 400, "{\"error\":\"invalid JSON body\"}");
            return;
        }
        if (input == null || !input.isObject()) {
            reply(ctx, keepAlive, 400, "{\"error\":\"the body must be {\\\"input\\\": {...}}\"}");
            return;
        }
        Job job = newJob(input, ordinal);
        onLoop(() -> {
            endpoint.submit(job);
            if (!sync) {
                reply(ctx, keepAlive, 200, "{\"id\":\"" + job.id + "\",\"status\":\"" + job.status + "\"}");
                return;
            }
            boolean[] answered = {false};
            job.whenTerminal(done -> {
                if (!answered[0]) {
                    answered[0] = true;
                    reply(ctx, keepAlive, 200, jobJson(done));
                }
            });
            endpoint.loop().schedule(() -> {
                if (!answered[0]) {
                    answered[0] = true;
                    reply(ctx, keepAlive, 200, jobJson(job));
                }
            }, waitMillis, TimeUnit.MILLISECONDS);
        });
    }

    private Job newJob(JsonNode input, long ordinal) {
        String prompt = promptOf(input);
        int[] promptIds = tokenizer.encode(prompt);
        JsonNode params = input.path("sampling_params");
        int maxTokens = params.path("max_tokens").asInt(input.path("max_tokens").asInt(Integer.MAX_VALUE));
        RunPodSettings s = endpoint.settings();
        Random random = new Random(seed * 31 + ordinal);
        int target = (int) Math.max(1, Math.round(s.answerTokensMean() + random.nextGaussian() * s.answerTokensSpread()));
        List<String> pieces = tokenizer.pieces(answers.prose(target, random));
        String finish = pieces.size() > maxTokens ? "length" : "stop";
        if (pieces.size() > maxTokens) pieces = pieces.subList(0, Math.max(1, maxTokens));
        boolean fail = endpoint.draw(ordinal, 2) < s.failedRate();
        String id = Long.toHexString(seed) + "-" + ordinal + "-u1";
        boolean absurd = endpoint.draw(ordinal, 3) < s.absurdTimesRate();
        return new Job(id, ordinal, promptIds.length, pieces, finish, fail, absurd, System.nanoTime());
    }

    private static String promptOf(JsonNode input) {
        if (input.path("prompt").isTextual()) return input.get("prompt").asText();
        StringBuilder out = new StringBuilder();
        for (JsonNode message : input.path("messages")) out.append(message.path("content").asText()).append('\n');
        return out.toString();
    }

    private String jobJson(Job job) {
        ObjectNode out = json.createObjectNode();
        boolean absurd = job.absurdTimes && Job.COMPLETED.equals(job.status);
        if (job.startedNanos >= 0) out.put("delayTime", absurd ? ABSURD_MILLIS : job.delayTimeMillis());
        if (job.terminal() && job.executionTimeMillis() >= 0) out.put("executionTime", absurd ? ABSURD_MILLIS : job.executionTimeMillis());
        out.put("id", job.id);
        if (Job.COMPLETED.equals(job.status)) {
            ObjectNode result = out.putArray("output").addObject();
            result.putArray("choices").addObject().putArray("tokens").add(String.join("", job.answerPieces));
            ObjectNode usage = result.putObject("usage");
            usage.put("input", job.promptTokens);
            usage.put("output", job.answerPieces.size());
        }
        if (job.error != null) out.put("error", job.error);
        out.put("status", job.status);
        if (job.workerId != null) out.put("workerId", job.workerId);
        return out.toString();
    }

    private boolean authorised(FullHttpRequest req) {
        if (apiKey == null || apiKey.isEmpty()) return true;
        String header = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        // RunPod takes the key with or without the Bearer scheme
        return header != null && (header.equals("Bearer " + apiKey) || header.equals(apiKey));
    }

    private void onLoop(Runnable task) {
        if (endpoint.loop().inEventLoop()) task.run();
        else endpoint.loop().execute(task);
    }

    private String write(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(ChannelHandlerContext ctx, boolean keepAlive, int status, String body) {
        HttpReplies.send(ctx.channel(), keepAlive, status, "application/json", body);
    }
}
