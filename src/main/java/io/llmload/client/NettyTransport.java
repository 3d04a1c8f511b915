package io.llmload.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
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
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * HTTP/1.1 on the calling Gatling user's own event loop: the connection, its reads and
 * the timing of every chunk stay on that loop (no hand-off to another thread), keep-alive
 * connections are pooled per loop, https goes through Netty's TLS. Used when
 * {@code target.client = netty}.
 *
 * <p>Kept-alive connections are reused with care, as mature clients do: a server may close one
 * just after answering (llama.cpp closes after a streamed answer while sending
 * {@code Keep-Alive} headers). A request that fails on a reused connection before any byte of its
 * answer arrived never reached the server's handler, so it is sent once more on a fresh
 * connection and counted as a stale-connection retry, not a KO. A host seen closing connections
 * after a kind of answer (streamed or not) gets no more reuse after that kind; {@code Connection:
 * close} is honoured.
 */
final class NettyTransport implements Transport {

    private static final AttributeKey<Send> SEND = AttributeKey.valueOf("llmload.send");
    private static final AttributeKey<Boolean> KEEP = AttributeKey.valueOf("llmload.keepAlive");
    private static final AttributeKey<Boolean> LAST_STREAMED = AttributeKey.valueOf("llmload.lastStreamed");
    private static final AttributeKey<Boolean> REUSED = AttributeKey.valueOf("llmload.reused");
    private static final AttributeKey<Long> ANSWERED_AT = AttributeKey.valueOf("llmload.answeredAt");
    /**
     * A kept-alive connection the server closes within this time of its last answer is "closed after
     * the answer". Servers' idle keep-alive timeouts are seconds (uvicorn and llama.cpp 5 s, nginx 75 s):
     * closing after those is normal and must not stop reuse.
     */
    private static final long CLOSED_AFTER_ANSWER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** Idle keep-alive connections per event loop and host; only touched on their own loop. */
    private final Map<EventLoop, Map<String, ArrayDeque<Channel>>> idle = new ConcurrentHashMap<>();
    /** "host:port streamed|whole": hosts seen closing a kept-alive connection after that kind of answer. */
    private final Set<String> closesAfter = ConcurrentHashMap.newKeySet();
    private volatile SslContext ssl;

    /** One call on its way: what is needed to send it (again), the reader of its answer, its connection. */
    private static final class Send {
        final ResponseReader reader;
        final EventLoop loop;
        final HttpCall call;
        final String hostPort;
        final Duration budget;
        final long[] sent;
        /** The connection carrying it now (null while connecting); only touched on the loop. */
        Channel channel;

        Send(ResponseReader reader, EventLoop loop, HttpCall call, Duration budget, long[] sent) {
            this.reader = reader;
            this.loop = loop;
            this.call = call;
            this.hostPort = call.uri().getHost() + ":" + port();
            this.budget = budget;
            this.sent = sent;
        }

        URI uri() {
            return call.uri();
        }

        boolean https() {
            return "https".equals(uri().getScheme());
        }

        int port() {
            return uri().getPort() > 0 ? uri().getPort() : https() ? 443 : 80;
        }
    }

    @Override
    public void send(EventLoop loop, HttpCall call, Duration budget, ReadLimits limits, Consumer<Answer> done) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(loop, call, budget, limits, done));
            return;
        }
        long start = System.nanoTime();
        long[] sent = {start};
        ResponseReader reader = new ResponseReader(start, () -> sent[0], call, limits, done);
        try {
            Send send = new Send(reader, loop, call, budget, sent);
            // one budget for the whole call, whatever it is doing: connecting, retrying, reading
            long budgetMillis = Failures.labelMillis(budget);
            reader.budgetTimer(loop.schedule(() -> {
                if (reader.finished()) return;
                reader.timeout(budgetMillis);
                Channel channel = send.channel;
                if (channel != null && channel.attr(SEND).compareAndSet(send, null)) closeOwn(channel);
            }, budget.toNanos(), TimeUnit.NANOSECONDS));
            Channel pooled = pooled(loop, send.hostPort);
            if (pooled != null) {
                write(pooled, send, true);
            } else {
                connect(send);
            }
        } catch (RuntimeException e) {
            // a bad URL or port, a refused option: the call ends as a KO, its user goes on
            reader.fail(Failures.clientError("starting the request", e));
        }
    }

    @Override
    public void schedule(EventLoop loop, Runnable task, Duration delay) {
        loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String describe() {
        return "netty client";
    }

    @Override
    public void close() {
        // the connections belong to the virtual users' event loops, which Gatling shuts down
    }

    private void connect(Send send) {
        long budgetMillis = Math.max(1, send.budget.toMillis());
        new Bootstrap().group(send.loop).channel(channelType(send.loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(CONNECT_TIMEOUT_MILLIS, budgetMillis))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) throws Exception {
                        if (send.https()) ch.pipeline().addLast(tls(ch, send.uri().getHost(), send.port()));
                        ch.pipeline().addLast(pipeline(NettyTransport.this, send.loop, send.hostPort));
                    }
                })
                .connect(send.uri().getHost(), send.port())
                .addListener(f -> {
                    if (f.isSuccess()) {
                        write(((ChannelFuture) f).channel(), send, false);
                    } else {
                        send.reader.fail(Failures.of(f.cause()));
                    }
                });
    }

    /** The handlers of a client connection: HTTP/1.1 codec, then the reader feeding the current exchange. */
    static ChannelHandler[] pipeline(NettyTransport transport, EventLoop loop, String hostPort) {
        return new ChannelHandler[] {new HttpClientCodec(), new Reader(transport, loop, hostPort)};
    }

    /** Makes {@code reader} the one the connection's next response is read into (the warm-up's way in). */
    static void attach(Channel channel, ResponseReader reader, HttpCall call) {
        Send send = new Send(reader, null, call, Duration.ZERO, new long[1]);
        send.channel = channel;
        channel.attr(SEND).set(send);
        channel.attr(KEEP).set(Boolean.TRUE);
    }

    private void write(Channel channel, Send send, boolean reused) {
        if (send.reader.finished()) {
            // the budget ran out while connecting: the connection is still good for the next request
            release(send.loop, send.hostPort, channel);
            return;
        }
        send.channel = channel;
        channel.attr(SEND).set(send);
        channel.attr(KEEP).set(Boolean.TRUE);
        channel.attr(REUSED).set(reused);
        // on the channel's own loop the bytes reach the socket inside this call: "sent" = handed to the connection
        send.sent[0] = System.nanoTime();
        channel.writeAndFlush(request(send)).addListener(f -> {
            if (!f.isSuccess() && channel.attr(SEND).compareAndSet(send, null)) {
                if (reused) learnClosing(send.hostPort, channel);
                closeOwn(channel);
                failOrRetry(send, f.cause(), reused);
            }
        });
    }

    private static FullHttpRequest request(Send send) {
        URI uri = send.uri();
        HttpCall call = send.call;
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(call.method()), target,
                Unpooled.wrappedBuffer(call.body()));
        request.headers().set(HttpHeaderNames.HOST, uri.getPort() > 0 ? send.hostPort : uri.getHost())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        call.headers().forEach(request.headers()::set);
        if (call.body().length > 0 || !"GET".equals(call.method())) HttpUtil.setContentLength(request, call.body().length);
        return request;
    }

    /**
     * The connection failed before any byte of the answer: on a reused connection the server had
     * closed it (the request never reached its handler), so it goes once more on a fresh one.
     */
    private void failOrRetry(Send send, Throwable cause, boolean reused) {
        ResponseReader reader = send.reader;
        send.channel = null;
        if (reader.finished()) return;
        if (reused && !reader.responseStarted() && reader.staleRetries() == 0) {
            reader.retriedOnFreshConnection();
            connect(send);
            return;
        }
        reader.onError(cause);
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
        boolean reusable = loop != null && Boolean.TRUE.equals(channel.attr(KEEP).get()) && channel.isActive()
                && !closesAfter.contains(learnKey(hostPort, Boolean.TRUE.equals(channel.attr(LAST_STREAMED).get())));
        if (reusable) {
            channel.attr(ANSWERED_AT).set(System.nanoTime());
            idle.computeIfAbsent(loop, k -> new HashMap<>()).computeIfAbsent(hostPort, k -> new ArrayDeque<>()).addLast(channel);
        } else {
            closeOwn(channel);
        }
    }

    /**
     * The server closed a kept-alive connection right after an answer (while it sat in the pool, or
     * under the next request): do not reuse connections after that kind of answer from this host again.
     */
    private void learnClosing(String hostPort, Channel channel) {
        Long answeredAt = channel.attr(ANSWERED_AT).get();
        if (hostPort != null && Boolean.TRUE.equals(channel.attr(KEEP).get()) && answeredAt != null
                && System.nanoTime() - answeredAt < CLOSED_AFTER_ANSWER_NANOS) {
            closesAfter.add(learnKey(hostPort, Boolean.TRUE.equals(channel.attr(LAST_STREAMED).get())));
        }
    }

    /** Closes a connection on the client's own decision: its closing teaches nothing about the server. */
    private static void closeOwn(Channel channel) {
        channel.attr(KEEP).set(Boolean.FALSE);
        channel.close();
    }

    private static String learnKey(String hostPort, boolean streamed) {
        return hostPort + (streamed ? " streamed" : " whole");
    }

    /** Whether this host was seen closing kept-alive connections after a streamed (or whole) answer. */
    boolean closesAfter(String hostPort, boolean streamed) {
        return closesAfter.contains(learnKey(hostPort, streamed));
    }

    /** TLS with SNI and host-name verification (Netty verifies the chain, not the name, unless asked). */
    private SslHandler tls(SocketChannel ch, String host, int port) throws SSLException {
        SslHandler handler = sslContext().newHandler(ch.alloc(), host, port);
        SSLParameters parameters = handler.engine().getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        handler.engine().setSSLParameters(parameters);
        return handler;
    }

    private SslContext sslContext() throws SSLException {
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
        if (loop instanceof IoEventLoop io) {
            if (io.isIoType(EpollIoHandler.class)) return EpollSocketChannel.class;
            if (io.isIoType(IoUringIoHandler.class)) return IoUringSocketChannel.class;
        }
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
            Send send = ctx.channel().attr(SEND).get();
            if (send == null) return;
            ResponseReader exchange = send.reader;
            if (msg.decoderResult().isFailure()) {
                ctx.channel().attr(SEND).set(null);
                closeOwn(ctx.channel());
                exchange.protocolError("invalid HTTP response: " + msg.decoderResult().cause().getMessage());
                return;
            }
            if (msg instanceof HttpResponse response) {
                if (!HttpUtil.isKeepAlive(response)) ctx.channel().attr(KEEP).set(Boolean.FALSE);
                ctx.channel().attr(LAST_STREAMED).set(send.call.streamed());
                exchange.onHeaders(response.status().code(), response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                        HttpUtil.getContentLength(response, -1L));
                exchange.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                        ctx.channel().attr(SEND).set(null);
                        closeOwn(ctx.channel());
                    }
                });
            }
            if (msg instanceof HttpContent content) {
                if (content.content().isReadable()) exchange.onNext(content.content());
                if (msg instanceof LastHttpContent && ctx.channel().attr(SEND).compareAndSet(send, null)) {
                    exchange.onComplete();
                    transport.release(loop, hostPort, ctx.channel());
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            Send send = ctx.channel().attr(SEND).getAndSet(null);
            if (send == null) {
                // closed while idle in the pool, after an answer the server said it would keep the connection for
                transport.learnClosing(hostPort, ctx.channel());
            } else if (!send.reader.finished()) {
                boolean reused = Boolean.TRUE.equals(ctx.channel().attr(REUSED).get());
                if (reused && !send.reader.responseStarted()) transport.learnClosing(hostPort, ctx.channel());
                transport.failOrRetry(send, new ClosedChannelException(), reused);
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Send send = ctx.channel().attr(SEND).getAndSet(null);
            boolean reused = Boolean.TRUE.equals(ctx.channel().attr(REUSED).get());
            if (send != null && reused && !send.reader.responseStarted()) transport.learnClosing(hostPort, ctx.channel());
            closeOwn(ctx.channel());
            if (send != null && !send.reader.finished()) transport.failOrRetry(send, cause, reused);
        }
    }
}
