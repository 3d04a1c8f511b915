package io.llmload.emulator.openai;

import io.llmload.emulator.FaultSettings.AnswerFault;
import io.llmload.emulator.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.llmload.emulator.HttpReplies.utf8;

/**
 * The answer faults ({@code emulator.faults.answer-fault}): answers that break the protocol or the
 * truth the way real servers and proxies have been seen to, written straight to the connection
 * without the engine. {@link AnswerFault#HUGE_USAGE} is not here: it is a normal answer with a
 * false usage ({@link Responders}).
 */
final class HostileAnswers {

    /** What the ENDLESS_LINE fault writes at a time. */
    private static final int ENDLESS_WRITE_BYTES = 1 << 20;
    static final String CONTEXT_ERROR = "the request exceeds the available context size, try increasing it";
    static final String INJECTED_ERROR = "injected in-stream error (emulator.faults.answer-fault)";
    /** A message with terminal escapes, NUL, HTML and Markdown: none of it may reach a report as is. */
    static final String CONTROL_MESSAGE = "\u001b[31mred\u001b[0m NUL\u0000 <script>alert(1)</script> | **bold** `tick`";

    private final long oversizedLineBytes;
    private volatile byte[] filler;

    HostileAnswers(int oversizedLineBytes) {
        this.oversizedLineBytes = oversizedLineBytes;
    }

    /** Writes the fault's answer; the request it answers was a chat ({@code chat}) or completions request. */
    void write(AnswerFault fault, Channel channel, String id, boolean chat) {
        switch (fault) {
            case ENDLESS_LINE -> {
                streamHead(channel);
                channel.writeAndFlush(content("data: "));
                line(channel, Long.MAX_VALUE);
            }
            case OVERSIZED_LINE -> {
                streamHead(channel);
                channel.writeAndFlush(content("data: "));
                line(channel, oversizedLineBytes);
            }
            case ERROR_LINE -> {
                streamHead(channel);
                end(channel, "error: {\"code\":400,\"message\":" + Json.quote(CONTEXT_ERROR) + ",\"type\":\"exceed_context_size_error\"}\n\n"
                        + "data: [DONE]\n\n");
            }
            case ERROR_EVENT -> {
                streamHead(channel);
                end(channel, chunk(id, chat, "Hello") + chunk(id, chat, " there")
                        + "data: " + Json.error(INJECTED_ERROR, "InternalServerError", null, 500) + "\n\ndata: [DONE]\n\n");
            }
            case UNPARSABLE_CHUNK -> {
                streamHead(channel);
                end(channel, chunk(id, chat, "Hello") + "data: this is not JSON at all\n\ndata: [DONE]\n\n");
            }
            case INVALID_UTF8 -> {
                streamHead(channel);
                byte[] head = ("data: {\"id\":\"" + id + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf").getBytes(StandardCharsets.US_ASCII);
                byte[] tail = "\"},\"finish_reason\":null}]}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
                // 0xC3 starts a two-byte sequence that 0x28 does not continue
                channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(head, new byte[] {(byte) 0xC3, 0x28}, tail)));
                end(channel, "");
            }
            case CONTROL_BYTES -> {
                streamHead(channel);
                end(channel, "error: {\"code\":500,\"message\":" + Json.quote(CONTROL_MESSAGE) + "}\n\ndata: [DONE]\n\n");
            }
            case HTML_PAGE -> whole(channel, 200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>Sign in to continue</title></head><body><form>...</form></body></html>", false);
            case STALL -> {
                streamHead(channel);
                channel.writeAndFlush(content(chunk(id, chat, "Hello") + chunk(id, chat, " there")));
                // and nothing more: the connection stays open until the client gives up
            }
            case SHORT_BODY -> whole(channel, 200, "application/json", "{\"id\":\"" + id + "\",\"object\":\"chat.completion\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"finish_reason\":\"stop\"}]}", true);
            default -> throw new IllegalArgumentException("not written here: " + fault);
        }
    }

    /**
     * {@code bytes} of one line without a newline, a megabyte at a time, each written once the last one
     * reached the socket (so neither side buffers more than that), until the client closes the
     * connection; a finite line then ends the stream with a blank line and [DONE].
     */
    private void line(Channel channel, long bytes) {
        if (!channel.isActive()) return;
        if (bytes <= 0) {
            end(channel, "\n\ndata: [DONE]\n\n");
            return;
        }
        int n = (int) Math.min(bytes, ENDLESS_WRITE_BYTES);
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(filler(), 0, n))).addListener(f -> {
            if (f.isSuccess()) channel.eventLoop().execute(() -> line(channel, bytes - n));
        });
    }

    private byte[] filler() {
        byte[] bytes = filler;
        if (bytes == null) {
            bytes = new byte[ENDLESS_WRITE_BYTES];
            Arrays.fill(bytes, (byte) 'x');
            filler = bytes;
        }
        return bytes;
    }

    private static void streamHead(Channel channel) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        channel.write(head);
    }

    private static String chunk(String id, boolean chat, String text) {
        String piece = chat ? "\"delta\":{\"content\":" + Json.quote(text) + "}" : "\"text\":" + Json.quote(text);
        return "data: {\"id\":\"" + id + "\",\"object\":\"" + (chat ? "chat.completion.chunk" : "text_completion")
                + "\",\"choices\":[{\"index\":0," + piece + ",\"finish_reason\":null}]}\n\n";
    }

    private static DefaultHttpContent content(String text) {
        return new DefaultHttpContent(utf8(text));
    }

    private static void end(Channel channel, String text) {
        if (!text.isEmpty()) channel.write(content(text));
        channel.writeAndFlush(new DefaultLastHttpContent());
    }

    /** A whole answer; {@code shortBody}: its Content-Length says twice the bytes sent, then the connection closes. */
    private static void whole(Channel channel, int status, String type, String body, boolean shortBody) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), utf8(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        HttpUtil.setContentLength(response, (long) response.content().readableBytes() * (shortBody ? 2 : 1));
        var written = channel.writeAndFlush(response);
        if (shortBody) written.addListener(ChannelFutureListener.CLOSE);
    }
}
