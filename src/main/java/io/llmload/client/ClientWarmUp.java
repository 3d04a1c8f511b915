package io.llmload.client;

import io.llmload.client.openai.CompletionDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the Netty client's read path (HTTP decoding, SSE framing, chunk parsing, timing) over
 * synthetic streamed responses in an {@link EmbeddedChannel} before any load starts, so the first
 * requests of a run are not read by cold code. Against the emulator at 100 streams the TTFT error
 * p99 over all requests was 2.8–3.1 ms with it and 3.5–4.2 ms without (docs/benchmarks.md §1).
 */
final class ClientWarmUp {

    /** Enough chunks for the JIT's top tier to compile the per-chunk path (its thresholds are ~10^4 calls). */
    static final int RESPONSES = 200;
    private static final int CHUNKS_PER_RESPONSE = 100;
    private static final URI WARM_UP_URI = URI.create("http://warm-up/v1/warm-up");

    private ClientWarmUp() {
    }

    /** @return the number of responses the read path completed (all of them, unless it is broken) */
    static int run(NettyTransport transport) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(NettyTransport.pipeline(transport, channel.eventLoop(), "warm-up"));
        AtomicInteger completed = new AtomicInteger();
        try {
            for (int i = 0; i < RESPONSES; i++) {
                boolean chat = i % 2 == 0;
                long start = System.nanoTime();
                HttpCall call = HttpCall.postJson(WARM_UP_URI, "{}", true, null, new CompletionDecoder(chat));
                ResponseReader reader = new ResponseReader(start, () -> start, call, ReadLimits.DEFAULT, answer -> {
                    if (answer.ok() && answer.contentChunks() == CHUNKS_PER_RESPONSE) completed.incrementAndGet();
                });
                NettyTransport.attach(channel, reader, call);
                // the codec pairs each response with a request sent before it
                channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/warm-up"));
                releaseAll(channel);
                channel.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                        + "transfer-encoding: chunked\r\n\r\n", StandardCharsets.US_ASCII));
                for (int c = 0; c < CHUNKS_PER_RESPONSE; c++) {
                    String json = chat
                            ? "{\"id\":\"warm-up\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"warm-up\",\"choices\":[{\"index\":0,"
                                + "\"delta\":{\"content\":\" token" + c + "\"},\"logprobs\":null,\"finish_reason\":null}]}"
                            : "{\"id\":\"warm-up\",\"object\":\"text_completion\",\"created\":0,\"model\":\"warm-up\",\"choices\":[{\"index\":0,"
                                + "\"text\":\" token" + c + "\",\"logprobs\":null,\"finish_reason\":null}]}";
                    channel.writeInbound(httpChunk("data: " + json + "\n\n"));
                }
                channel.writeInbound(httpChunk("data: {\"id\":\"warm-up\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":"
                        + CHUNKS_PER_RESPONSE + ",\"total_tokens\":" + (CHUNKS_PER_RESPONSE + 1) + "}}\n\ndata: [DONE]\n\n"));
                channel.writeInbound(Unpooled.copiedBuffer("0\r\n\r\n", StandardCharsets.US_ASCII));
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        return completed.get();
    }

    private static ByteBuf httpChunk(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        return Unpooled.wrappedBuffer(
                (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII), bytes, "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static void releaseAll(EmbeddedChannel channel) {
        Object written;
        while ((written = channel.readOutbound()) != null) ReferenceCountUtil.release(written);
    }
}
