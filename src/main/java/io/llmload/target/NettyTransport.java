package io.llmload.target;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.AttributeKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * HTTP/1.1 streaming on the calling Gatling user's own event loop: the connection, its reads and
 * the timing of every chunk stay on that loop (no hand-off to another thread), keep-alive
 * connections are pooled per loop, https goes through Netty's TLS. Used when
 * {@code target.client = netty}.
 */
final class NettyTransport {

    private static final AttributeKey<StreamingExchange> EXCHANGE = AttributeKey.valueOf("llmload.exchange");
    private static final AttributeKey<Boolean> KEEP = AttributeKey.valueOf("llmload.keepAlive");
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** Idle keep-alive connections per event loop and host; only touched on their own loop. */
    private final Map<EventLoop, Map<String, ArrayDeque<Channel>>> idle = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile SslContext ssl;

    void postJson(EventLoop loop, Endpoint endpoint, String path, String json, boolean chat, boolean stream,
                  Consumer<LlmResponse> onDone) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> postJson(loop, endpoint, path, json, chat, stream, onDone));
            return;
        }
        long start = System.nanoTime();
        long[] sent = {start};
        StreamingExchange exchange = new StreamingExchange(start, () -> sent[0], chat, stream, onDone);
        URI uri = endpoint.resolve(path);
        boolean https = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String hostPort = uri.getHost() + ":" + port;
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target,
                Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.HOST, uri.getPort() > 0 ? hostPort : uri.getHost())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.ACCEPT, stream ? "text/event-stream" : "application/json")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        HttpUtil.setContentLength(request, request.content().readableBytes());
        if (endpoint.hasApiKey()) request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + endpoint.apiKey());

        long budget = endpoint.requestTimeout().toMillis();
        Channel pooled = pooled(loop, hostPort);
        if (pooled != null) {
            send(pooled, request, exchange, sent, budget);
            return;
        }
        new Bootstrap().group(loop).channel(channelType(loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) throws Exception {
                        if (https) ch.pipeline().addLast(tls(ch, uri.getHost(), port));
                        ch.pipeline().addLast(pipeline(NettyTransport.this, loop, hostPort));
                    }
                })
                .connect(uri.getHost(), port)
                .addListener(f -> {
                    if (f.isSuccess()) {
                        send(((io.netty.channel.ChannelFuture) f).channel(), request, exchange, sent, budget);
                    } else {
                        request.release();
                        exchange.fail(Failures.of(f.cause(), false));
                    }
                });
    }

    /** The handlers of a client connection: HTTP/1.1 codec, then the reader feeding the current exchange. */
    static ChannelHandler[] pipeline(NettyTransport transport, EventLoop loop, String hostPort) {
        return new ChannelHandler[] {new HttpClientCodec(), new Reader(transport, loop, hostPort)};
    }

    /** Makes {@code exchange} the one the connection's next response is read into. */
    static void attach(Channel channel, StreamingExchange exchange) {
        channel.attr(EXCHANGE).set(exchange);
        channel.attr(KEEP).set(Boolean.TRUE);
    }

    private void send(Channel channel, FullHttpRequest request, StreamingExchange exchange, long[] sent, long budgetMillis) {
        attach(channel, exchange);
        // on the channel's own loop the bytes reach the socket inside this call: "sent" = handed to the connection
        sent[0] = System.nanoTime();
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                exchange.fail(Failures.of(f.cause(), false));
                channel.close();
            }
        });
        channel.eventLoop().schedule(() -> {
            if (!exchange.finished() && channel.attr(EXCHANGE).get() == exchange) {
                exchange.timeout(budgetMillis);
                channel.attr(EXCHANGE).set(null);
                channel.close();
            }
        }, budgetMillis, TimeUnit.MILLISECONDS);
    }

    private Channel pooled(EventLoop loop, String hostPort) {
        ArrayDeque<Channel> channels = idle.computeIfAbsent(loop, k -> new HashMap<>()).get(hostPort);
        while (channels != null && !channels.isEmpty()) {
            Channel c = channels.pollLast();
            if (c.isActive()) return c;
        }
        return null;
    }

    private void release(EventLoop loop, String hostPort, Channel channel) {
        idle.computeIfAbsent(loop, k -> new HashMap<>()).computeIfAbsent(hostPort, k -> new ArrayDeque<>()).addLast(channel);
    }

    /** TLS with SNI and host-name verification (Netty verifies the chain, not the name, unless asked). */
    private io.netty.handler.ssl.SslHandler tls(SocketChannel ch, String host, int port) throws javax.net.ssl.SSLException {
        io.netty.handler.ssl.SslHandler handler = sslContext().newHandler(ch.alloc(), host, port);
        javax.net.ssl.SSLParameters parameters = handler.engine().getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        handler.engine().setSSLParameters(parameters);
        return handler;
    }

    private SslContext sslContext() throws javax.net.ssl.SSLException {
        SslContext s = ssl;
        if (s == null) {
            synchronized (this) {
                if (ssl == null) ssl = SslContextBuilder.forClient().build();
                s = ssl;
            }
        }
        return s;
    }

    private static Class<? extends Channel> channelType(EventLoop loop) {
        if (loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class)) return EpollSocketChannel.class;
        return NioSocketChannel.class;
    }

    /** Feeds one connection's responses into the exchange it is serving. */
    private static final class Reader extends SimpleChannelInboundHandler<HttpObject> {
        private final NettyTransport transport;
        private final EventLoop loop;
        private final String hostPort;

        Reader(NettyTransport transport, EventLoop loop, String hostPort) {
            this.transport = transport;
            this.loop = loop;
            this.hostPort = hostPort;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            StreamingExchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange == null) return;
            if (msg instanceof HttpResponse response) {
                if (!HttpUtil.isKeepAlive(response)) ctx.channel().attr(KEEP).set(Boolean.FALSE);
                exchange.forStatus(info(response.status().code()));
                exchange.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                        ctx.channel().attr(EXCHANGE).set(null);
                        ctx.close();
                    }
                });
            }
            if (msg instanceof HttpContent content) {
                if (content.content().isReadable()) exchange.onNext(content.content());
                if (msg instanceof LastHttpContent) {
                    ctx.channel().attr(EXCHANGE).set(null);
                    exchange.onComplete();
                    if (Boolean.TRUE.equals(ctx.channel().attr(KEEP).get()) && ctx.channel().isActive()) {
                        transport.release(loop, hostPort, ctx.channel());
                    } else {
                        ctx.close();
                    }
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            StreamingExchange exchange = ctx.channel().attr(EXCHANGE).getAndSet(null);
            if (exchange != null && !exchange.finished()) exchange.onError(new ClosedChannelException());
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            StreamingExchange exchange = ctx.channel().attr(EXCHANGE).getAndSet(null);
            if (exchange != null && !exchange.finished()) exchange.onError(cause);
            ctx.close();
        }

        private static ResponseInfo info(int status) {
            return new ResponseInfo() {
                @Override
                public int statusCode() {
                    return status;
                }

                @Override
                public HttpHeaders headers() {
                    return HttpHeaders.of(Map.of(), (a, b) -> true);
                }

                @Override
                public HttpClient.Version version() {
                    return HttpClient.Version.HTTP_1_1;
                }
            };
        }
    }
}
