package io.llmload.emulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.FaultSettings;
import io.llmload.emulator.HttpReplies;
import io.llmload.emulator.Json;
import io.llmload.emulator.RequestTrace;
import io.llmload.emulator.engine.Sequence;
import io.llmload.emulator.engine.TokenSink;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Routes the OpenAI-compatible API the way vLLM serves it: completions and chat completions
 * (JSON or SSE), {@code /v1/models}, {@code /health} and Prometheus {@code /metrics}.
 */
@ChannelHandler.Sharable
public final class OpenAiHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** The request a connection is serving (HTTP/1.1: one at a time); dropped when it finishes. */
    static final AttributeKey<Sequence> IN_FLIGHT = AttributeKey.valueOf("llmload.inFlight");
    /** The close-after-stream fault: this kept-alive connection is about to be closed by the server. */
    static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf("llmload.closing");

    private final ServerState state;
    private final HostileAnswers hostile;

    public OpenAiHttpHandler(ServerState state) {
        this.state = state;
        this.hostile = new HostileAnswers(state.settings().faults().oversizedLineBytes());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        long arrival = System.nanoTime();
        if (Boolean.TRUE.equals(ctx.channel().attr(CLOSING).get())) {
            // the close-after-stream fault: the server is closing this connection and never reads the request
            state.requestDroppedOnClosingConnection();
            ctx.close();
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        boolean get = HttpMethod.GET.equals(req.method());
        boolean post = HttpMethod.POST.equals(req.method());
        if (state.loading() && (path.equals("/health") || path.startsWith("/v1/"))) {
            replyJson(ctx, keepAlive, path, 503, Json.error("Loading model", "unavailable_error", null, 503));
        } else if (get && path.equals("/health")) {
            reply(ctx, keepAlive, path, 200, "text/plain", "");
        } else if (get && path.equals("/metrics")) {
            reply(ctx, keepAlive, path, 200, "text/plain; version=0.0.4; charset=utf-8", state.metrics.render());
        } else if (!authorised(req)) {
            replyJson(ctx, keepAlive, path, 401, Json.error("Unauthorized", "AuthenticationError", null, 401));
        } else if (get && path.equals("/v1/models")) {
            replyJson(ctx, keepAlive, path, 200, modelsJson());
        } else if (post && path.equals("/v1/chat/completions")) {
            complete(ctx, req, keepAlive, path, true, arrival);
        } else if (post && path.equals("/v1/completions")) {
            complete(ctx, req, keepAlive, path, false, arrival);
        } else {
            replyJson(ctx, keepAlive, path, 404, Json.error("Not Found: " + req.method() + " " + path, "NotFoundError", null, 404));
        }
    }

    private boolean authorised(FullHttpRequest req) {
        String key = state.settings().apiKey();
        if (key == null || key.isEmpty()) return true;
        return ("Bearer " + key).equals(req.headers().get(HttpHeaderNames.AUTHORIZATION));
    }

    private void complete(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive, String path,
                          boolean chat, long arrival) {
        long ordinal = state.nextOrdinal();
        CompletionRequest request;
        try {
            JsonNode body = state.mapper.readTree(req.content().toString(StandardCharsets.UTF_8));
            request = CompletionRequest.parse(body, chat);
        } catch (CompletionRequest.Invalid e) {
            replyJson(ctx, keepAlive, path, 400, Json.error(e.getMessage(), "BadRequestError", e.param, 400));
            return;
        } catch (Exception e) {
            replyJson(ctx, keepAlive, path, 400, Json.error("Invalid JSON body: " + e.getMessage().lines().findFirst().orElse(""),
                    "BadRequestError", null, 400));
            return;
        }
        if (request.model() != null && !state.settings().serves(request.model())) {
            replyJson(ctx, keepAlive, path, 404, Json.error("The model `" + request.model() + "` does not exist.",
                    "NotFoundError", "model", 404));
            return;
        }
        int[] promptIds = state.tokenizer.encode(request.promptText());
        int shift = state.settings().faults().contextShiftTokens();
        if (shift > 0 && promptIds.length > shift) {
            // llama.cpp's context shift: the prompt is cut and answered, and nobody is told but usage.prompt_tokens
            promptIds = Arrays.copyOf(promptIds, shift);
        }
        int maxModelLen = state.settings().engine().maxModelLen();
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : maxModelLen - promptIds.length;
        if (promptIds.length + maxTokens > maxModelLen || maxTokens < 1) {
            String where = chat ? "messages" : "prompt";
            replyJson(ctx, keepAlive, path, 400, Json.error("This model's maximum context length is " + maxModelLen
                    + " tokens. However, you requested " + (promptIds.length + Math.max(maxTokens, 0)) + " tokens ("
                    + promptIds.length + " in the " + where + ", " + Math.max(maxTokens, 0)
                    + " in the completion). Please reduce the length of the " + where + " or completion.",
                    "BadRequestError", where, 400));
            return;
        }
        String id = (chat ? "chatcmpl-" : "cmpl-") + Long.toHexString(state.settings().seed()) + "-" + ordinal;
        if (state.faultDraw(ordinal, 1) < state.settings().faults().errorRate() && state.errorsOn(arrival)) {
            int status = state.settings().faults().errorStatus();
            state.record(new RequestTrace(id, path, request.stream(), status, promptIds.length, 0, 0, "error",
                    arrival, -1, -1, -1, -1, -1, -1, System.nanoTime()));
            replyJson(ctx, keepAlive, path, status, Json.error("Injected fault (emulator.faults.error-rate)",
                    "InternalServerError", null, status));
            return;
        }
        FaultSettings.AnswerFault fault = state.faultDraw(ordinal, 3) < state.settings().faults().answerFaultRate()
                ? state.settings().faults().answerFault() : FaultSettings.AnswerFault.NONE;
        if (fault != FaultSettings.AnswerFault.NONE && fault != FaultSettings.AnswerFault.HUGE_USAGE) {
            state.metrics.observeHttp(path, 200);
            state.record(new RequestTrace(id, path, request.stream(), 200, promptIds.length, 0, 0, fault.key(),
                    arrival, -1, -1, -1, -1, -1, -1, System.nanoTime()));
            hostile.write(fault, ctx.channel(), id, chat);
            return;
        }
        boolean brokenToolCall = request.toolCall() != null && state.faultDraw(ordinal, 4) < state.settings().faults().brokenToolCallRate();
        List<String> pieces = answerPieces(request, maxTokens, brokenToolCall);
        String finishReason = pieces.size() > maxTokens || (request.ignoreEos() && !request.shaped()) ? "length"
                : request.toolCall() != null ? "tool_calls" : "stop";
        if (pieces.size() > maxTokens) pieces = pieces.subList(0, maxTokens);

        Responders.Exchange exchange = new Responders.Exchange(state, ctx.channel(), keepAlive, id,
                System.currentTimeMillis() / 1000, request, promptIds.length, path, fault == FaultSettings.AnswerFault.HUGE_USAGE);
        int abortAfter = request.stream() && state.faultDraw(ordinal, 2) < state.settings().faults().abortRate()
                ? pieces.size() / 2 : -1;
        state.metrics.observeHttp(path, 200);
        TokenSink sink = request.stream() ? new Responders.Streaming(exchange, abortAfter) : new Responders.Buffered(exchange);
        Sequence sequence = new Sequence(id, promptIds.length, state.engine.promptBlockHashes(promptIds), pieces,
                finishReason, arrival, sink);
        ctx.channel().attr(IN_FLIGHT).set(sequence);
        long adapterNanos = state.settings().adapterLatency(request.model()).toNanos();
        if (adapterNanos == 0) {
            state.engine.submit(sequence);
        } else {
            // an adapter's load and swap: the engine takes the request that much later
            ctx.channel().eventLoop().schedule(() -> state.engine.submit(sequence), adapterNanos, TimeUnit.NANOSECONDS);
        }
    }

    private List<String> answerPieces(CompletionRequest request, int maxTokens, boolean brokenToolCall) {
        Random random = state.answers.randomFor(request.promptText());
        int target = (int) Math.max(1, Math.round(state.settings().answerTokensMean()
                + random.nextGaussian() * state.settings().answerTokensSpread()));
        String text;
        if (request.toolCall() != null) {
            // a tool call's arguments, as a model constrained by the function's parameters writes them
            text = SchemaValues.of(request.toolCall().parameters(), random).toString();
            // the fault: the arguments stop before their JSON ends
            if (brokenToolCall) text = text.substring(0, text.length() - 1);
        } else if (request.responseSchema() != null) {
            text = SchemaValues.of(request.responseSchema(), random).toString();
        } else {
            text = state.answers.answer(request.promptText(), target, random);
        }
        // a constrained answer (a tool call, a schema) ends where its JSON does; length controls apply to free text
        if (request.ignoreEos() && !request.shaped()) {
            // ignore_eos (a vLLM extension benchmarks use): generate until max_tokens
            text = text + " " + state.answers.prose(maxTokens, random);
        }
        List<String> answer = state.tokenizer.pieces(text);
        if (answer.size() < request.minTokens() && !request.shaped()) {
            // min_tokens (vLLM): the end of sequence is held back until that many tokens
            answer = new ArrayList<>(answer);
            answer.addAll(state.tokenizer.pieces(" " + state.answers.prose(request.minTokens(), random)));
            answer = answer.subList(0, request.minTokens());
        }
        int reasoning = request.chat() ? state.settings().reasoning().tokens() : 0;
        if (reasoning == 0) return answer;
        // a reasoning model thinks first: that many tokens of thought before the answer, within the same max_tokens
        List<String> thought = state.tokenizer.pieces(state.answers.prose(2 * reasoning, random));
        List<String> out = new ArrayList<>(thought.subList(0, Math.min(reasoning, thought.size())));
        while (out.size() < reasoning) out.add(" hmm");
        out.addAll(answer);
        return out;
    }

    private String modelsJson() {
        String base = state.settings().modelName();
        StringBuilder json = new StringBuilder("{\"object\":\"list\",\"data\":[").append(model(base, null));
        // vLLM lists each LoRA adapter as a model whose parent is the base model
        for (String adapter : state.settings().adapters().keySet()) json.append(',').append(model(adapter, base));
        return json.append("]}").toString();
    }

    private String model(String id, String parent) {
        return "{\"id\":" + Json.quote(id) + ",\"object\":\"model\",\"created\":0,\"owned_by\":\"llmload-emulator\",\"max_model_len\":"
                + state.settings().engine().maxModelLen() + (parent == null ? "" : ",\"parent\":" + Json.quote(parent)) + "}";
    }

    private void replyJson(ChannelHandlerContext ctx, boolean keepAlive, String path, int status, String json) {
        reply(ctx, keepAlive, path, status, "application/json", json);
    }

    private void reply(ChannelHandlerContext ctx, boolean keepAlive, String path, int status, String type, String body) {
        state.metrics.observeHttp(path, status);
        HttpReplies.send(ctx.channel(), keepAlive, status, type, body);
    }

    /** The client went away: abort what it was waiting for, as vLLM does. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Sequence inFlight = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
        if (inFlight != null) inFlight.cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
