package io.llmload.emulator.openai;

import io.llmload.emulator.EmulatorSettings.UsagePlacement;
import io.llmload.emulator.Json;
import io.llmload.emulator.RequestTrace;
import io.llmload.emulator.engine.Sequence;
import io.llmload.emulator.engine.TokenSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static io.llmload.emulator.HttpReplies.utf8;

/** Turns engine tokens into HTTP responses: SSE chunks for streams, one JSON body otherwise. */
final class Responders {

    private static final short CRLF = ('\r' << 8) | '\n';
    private static final int CRLF_BYTES = 2;

    private Responders() {
    }

    /** What the response writers need to know about the request they answer. */
    record Exchange(ServerState state, Channel channel, boolean keepAlive, String id, long created,
                    CompletionRequest request, int promptTokens, String endpoint, boolean hugeUsage) {

        /** The huge-usage fault's token counts: more than an int holds. */
        static final long HUGE_TOKENS = 1_000_000_000_000L;

        /** The model the answer names: the adapter the request asked, else the base model. */
        String model() {
            return request.model() != null && state.settings().serves(request.model()) ? request.model() : state.settings().modelName();
        }

        String usageJson(int completionTokens, int cachedTokens) {
            long prompt = hugeUsage ? HUGE_TOKENS : promptTokens;
            long completion = hugeUsage ? HUGE_TOKENS : completionTokens;
            int reasoning = reasoningTokens(completionTokens);
            return "{\"prompt_tokens\":" + prompt + ",\"total_tokens\":" + (prompt + completion)
                    + ",\"completion_tokens\":" + completion
                    + (reasoning > 0 ? ",\"completion_tokens_details\":{\"reasoning_tokens\":" + reasoning + "}" : "")
                    + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + "}}";
        }

        /** How many of an answer's first tokens are a reasoning model's thinking (chat only). */
        int reasoningTokens(int outputTokens) {
            return request.chat() ? state.settings().reasoning().of(outputTokens) : 0;
        }

        /** The connection no longer serves {@code s}: a disconnect must not cancel the next request. */
        void release(Sequence s) {
            channel.attr(OpenAiHttpHandler.IN_FLIGHT).compareAndSet(s, null);
        }

        RequestTrace trace(Sequence s, int status, int completionTokens, String finishReason,
                           long firstWriteStart, long firstWritten, long completedWriteStart, long completedWritten) {
            return trace(s, status, completionTokens, finishReason, firstWriteStart, firstWritten, completedWriteStart, completedWritten,
                    firstWriteStart);
        }

        /** {@code firstAnswerWriteStart}: when the first token of the answer (after the reasoning) was handed to Netty. */
        RequestTrace trace(Sequence s, int status, int completionTokens, String finishReason, long firstWriteStart, long firstWritten,
                           long completedWriteStart, long completedWritten, long firstAnswerWriteStart) {
            return new RequestTrace(id, endpoint, request.stream(), status, promptTokens, s.cachedPromptTokens(),
                    completionTokens, finishReason, s.arrivalNanos(), s.admittedNanos(), s.firstTokenNanos(),
                    firstWriteStart, firstWritten, s.lastTokenNanos(), completedWriteStart, completedWritten,
                    reasoningTokens(completionTokens), firstAnswerWriteStart);
        }
    }

    /** {@code stream: true}: headers at once, a role chunk (chat), one chunk a token, usage, [DONE]. */
    static final class Streaming implements TokenSink {
        private final Exchange ex;
        private final int abortAfterTokens;
        private volatile long firstWriteStart = -1;
        private volatile long firstWritten = -1;
        private volatile long firstAnswerWriteStart = -1;
        /** "data: " and the chunk up to the token's text, the same for every token of the stream. */
        private final byte[] tokenHead;
        /** The same for a reasoning model's thinking tokens (chat). */
        private final byte[] reasoningHead;
        /** A tool call's pieces of arguments: the first with the call's id and function name, then the arguments alone. */
        private final byte[] toolCallFirstHead;
        private final byte[] toolCallHead;
        private final StringBuilder tokenTail = new StringBuilder(128);
        /**
         * Where token chunks enter the pipeline: below the HTTP encoder, framed by {@link #framedChunk}, so each
         * token is one buffer and one write(2) rather than the encoder's three buffers and a writev.
         */
        private final ChannelHandlerContext belowHttpEncoder;
        private boolean aborted;

        Streaming(Exchange ex, int abortAfterTokens) {
            this.ex = ex;
            this.abortAfterTokens = abortAfterTokens;
            this.belowHttpEncoder = Objects.requireNonNull(ex.channel().pipeline().context(HttpServerCodec.class), "HttpServerCodec");
            this.tokenHead = ("data: " + chunkPrefix().append(ex.request().chat() ? "\"delta\":{\"content\":" : "\"text\":"))
                    .getBytes(StandardCharsets.UTF_8);
            this.reasoningHead = ("data: " + chunkPrefix().append("\"delta\":{\"").append(ex.state().settings().reasoning().field())
                    .append("\":")).getBytes(StandardCharsets.UTF_8);
            CompletionRequest.ToolCall call = ex.request().toolCall();
            this.toolCallFirstHead = call == null ? null : ("data: " + chunkPrefix().append("\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_")
                    .append(ex.id()).append("\",\"type\":\"function\",\"function\":{\"name\":").append(Json.quote(call.name()))
                    .append(",\"arguments\":")).getBytes(StandardCharsets.UTF_8);
            this.toolCallHead = call == null ? null : ("data: " + chunkPrefix().append("\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"))
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            HttpUtil.setKeepAlive(head, ex.keepAlive());
            if (closesAfter()) head.headers().set("Keep-Alive", "timeout=5, max=100");
            ex.channel().write(head);
            if (ex.request().chat()) {
                // like vLLM and OpenAI: an empty role chunk comes first, before any token exists
                ex.channel().writeAndFlush(event(chunkPrefix()
                        .append("\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}")));
            } else {
                ex.channel().flush();
            }
        }

        @Override
        public Executor home() {
            return ex.channel().eventLoop();
        }

        @Override
        public void token(Sequence s, int index, String piece, long modelNanos) {
            if (aborted) return;
            if (index == abortAfterTokens) {
                // injected fault: the server drops the connection mid-stream
                aborted = true;
                ex.release(s);
                s.cancel();
                ex.channel().close();
                long closed = System.nanoTime();
                ex.state().record(ex.trace(s, 0, index, "abort", firstWriteStart, firstWritten, closed, closed));
                return;
            }
            boolean last = index == s.outputTokens() - 1;
            // one pooled buffer a token: the constant head is encoded once a stream, the rest into a reused builder
            StringBuilder json = tokenTail;
            json.setLength(0);
            Json.quoted(json, piece);
            int reasoning = ex.reasoningTokens(s.outputTokens());
            boolean toolCall = toolCallHead != null && index >= reasoning;
            // close what the head opened: the function, the call and the list of calls, then the delta
            if (toolCall) json.append("}}]");
            if (ex.request().chat()) json.append('}');
            json.append(",\"logprobs\":null,\"finish_reason\":");
            json.append(last ? Json.quote(s.finishReason()) : "null").append("}]");
            if (last && ex.request().includeUsage() && ex.state().settings().usagePlacement() == UsagePlacement.LAST_CONTENT_CHUNK) {
                json.append(",\"usage\":").append(ex.usageJson(s.outputTokens(), s.cachedPromptTokens()));
            }
            json.append("}\n\n");
            byte[] head = index < reasoning ? reasoningHead : !toolCall ? tokenHead : index == reasoning ? toolCallFirstHead : toolCallHead;
            ByteBuf chunk = framedChunk(head, json);
            if (index == 0) {
                firstWriteStart = System.nanoTime();
                if (reasoning == 0) firstAnswerWriteStart = firstWriteStart;
                belowHttpEncoder.writeAndFlush(chunk).addListener(f -> firstWritten = System.nanoTime());
            } else {
                if (index == reasoning) firstAnswerWriteStart = System.nanoTime();
                // nobody listens to the later writes: no promise per token (a failed one reaches exceptionCaught, which closes)
                belowHttpEncoder.writeAndFlush(chunk, ex.channel().voidPromise());
            }
        }

        /** An HTTP/1.1 chunk ({@code size CRLF data CRLF}) holding {@code head} and {@code tail}, in one pooled buffer. */
        private ByteBuf framedChunk(byte[] head, CharSequence tail) {
            int size = head.length + ByteBufUtil.utf8Bytes(tail);
            String hexSize = Integer.toHexString(size);
            ByteBuf bytes = ex.channel().alloc().buffer(hexSize.length() + size + 2 * CRLF_BYTES);
            bytes.writeCharSequence(hexSize, StandardCharsets.US_ASCII);
            bytes.writeShort(CRLF);
            bytes.writeBytes(head);
            ByteBufUtil.writeUtf8(bytes, tail);
            bytes.writeShort(CRLF);
            return bytes;
        }

        @Override
        public void finished(Sequence s, String finishReason, long modelNanos) {
            if (aborted) return;
            ex.release(s);
            if (ex.request().includeUsage() && ex.state().settings().usagePlacement() == UsagePlacement.SEPARATE_CHUNK) {
                ex.channel().write(event(chunkHead().append("\"choices\":[],\"usage\":")
                        .append(ex.usageJson(s.outputTokens(), s.cachedPromptTokens())).append('}')));
            }
            ex.channel().write(new DefaultHttpContent(utf8("data: [DONE]\n\n")));
            long writeStart = System.nanoTime();
            var future = ex.channel().writeAndFlush(new DefaultLastHttpContent());
            future.addListener(f -> ex.state().record(ex.trace(s, 200, s.outputTokens(), finishReason, firstWriteStart, firstWritten,
                    writeStart, System.nanoTime(), firstAnswerWriteStart)));
            if (!ex.keepAlive()) {
                future.addListener(ChannelFutureListener.CLOSE);
            } else if (closesAfter()) {
                // llama.cpp: the headers said keep-alive, the connection is closed anyway a moment later
                Channel channel = ex.channel();
                channel.attr(OpenAiHttpHandler.CLOSING).set(Boolean.TRUE);
                channel.eventLoop().schedule(() -> channel.close(), ex.state().settings().faults().closeAfterStream().toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private boolean closesAfter() {
            return !ex.state().settings().faults().closeAfterStream().isZero();
        }

        private StringBuilder chunkHead() {
            StringBuilder json = new StringBuilder(256).append("{\"id\":\"").append(ex.id())
                    .append("\",\"object\":\"").append(ex.request().chat() ? "chat.completion.chunk" : "text_completion")
                    .append("\",\"created\":").append(ex.created()).append(",\"model\":");
            Json.quoted(json, ex.model()).append(',');
            return json;
        }

        private StringBuilder chunkPrefix() {
            return chunkHead().append("\"choices\":[{\"index\":0,");
        }

        private static DefaultHttpContent event(CharSequence json) {
            return new DefaultHttpContent(utf8("data: " + json + "\n\n"));
        }
    }

    /** {@code stream: false}: the whole answer in one JSON body when the last token is produced. */
    static final class Buffered implements TokenSink {
        private final Exchange ex;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();

        Buffered(Exchange ex) {
            this.ex = ex;
        }

        @Override
        public Executor home() {
            return ex.channel().eventLoop();
        }

        @Override
        public void token(Sequence s, int index, String piece, long modelNanos) {
            (index < ex.reasoningTokens(s.outputTokens()) ? reasoning : text).append(piece);
        }

        @Override
        public void finished(Sequence s, String finishReason, long modelNanos) {
            ex.release(s);
            StringBuilder json = new StringBuilder(text.length() + 512).append("{\"id\":\"").append(ex.id())
                    .append("\",\"object\":\"").append(ex.request().chat() ? "chat.completion" : "text_completion")
                    .append("\",\"created\":").append(ex.created()).append(",\"model\":");
            Json.quoted(json, ex.model()).append(",\"choices\":[{\"index\":0,");
            CompletionRequest.ToolCall call = ex.request().toolCall();
            if (call != null) {
                json.append("\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_").append(ex.id())
                    .append("\",\"type\":\"function\",\"function\":{\"name\":").append(Json.quote(call.name())).append(",\"arguments\":");
                Json.quoted(json, text.toString()).append("}}]");
                if (!reasoning.isEmpty()) Json.quoted(json.append(",\"").append(ex.state().settings().reasoning().field()).append("\":"), reasoning.toString());
                json.append('}');
            } else if (ex.request().chat()) {
                json.append("\"message\":{\"role\":\"assistant\",\"content\":");
                Json.quoted(json, text.toString());
                if (!reasoning.isEmpty()) Json.quoted(json.append(",\"").append(ex.state().settings().reasoning().field()).append("\":"), reasoning.toString());
                json.append('}');
            } else {
                json.append("\"text\":");
                Json.quoted(json, text.toString());
            }
            json.append(",\"logprobs\":null,\"finish_reason\":").append(Json.quote(finishReason)).append("}],\"usage\":")
                .append(ex.usageJson(s.outputTokens(), s.cachedPromptTokens())).append('}');
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    utf8(json.toString()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, ex.keepAlive());
            long writeStart = System.nanoTime();
            var future = ex.channel().writeAndFlush(response);
            future.addListener(f -> {
                long written = System.nanoTime();
                ex.state().record(ex.trace(s, 200, s.outputTokens(), finishReason, writeStart, written, writeStart, written));
            });
            if (!ex.keepAlive()) future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
