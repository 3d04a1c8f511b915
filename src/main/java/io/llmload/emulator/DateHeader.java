package io.llmload.emulator;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;

import java.util.Date;

/** Stamps every response with a {@code Date} header, as real servers (uvicorn, llama-server, TGI) do: injectors read their clock offset from it. */
@ChannelHandler.Sharable
final class DateHeader extends ChannelOutboundHandlerAdapter {

    static final DateHeader INSTANCE = new DateHeader();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && !response.headers().contains(HttpHeaderNames.DATE)) {
            response.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        }
        ctx.write(msg, promise);
    }
}
