package io.llmload.emulator;

import io.llmload.emulator.engine.EngineStats;
import io.llmload.emulator.inference.InferenceHttpHandler;
import io.llmload.emulator.inference.InferenceServer;
import io.llmload.emulator.openai.OpenAiHttpHandler;
import io.llmload.emulator.openai.ServerState;
import io.llmload.emulator.runpod.RunPodHttpHandler;
import io.llmload.emulator.runpod.ServerlessEndpoint;
import io.llmload.os.ThreadPolicy;
import io.llmload.tokenizer.TokenCounter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An LLM inference endpoint that speaks vLLM's OpenAI-compatible wire format, backed by a
 * continuous-batching latency model instead of a GPU. Runs on Netty's event loops: a stream costs
 * a channel and a few objects, not a thread. Under {@code /v2/{endpoint-id}/} it also serves
 * RunPod's serverless job API, with a queue and an autoscaler in front of emulated workers.
 */
public final class LlmEndpointEmulator implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** Enough rounds for the JIT to compile the request path, so the first requests are not slower. */
    private static final int WARM_UP_ROUNDS = 150;

    private final EmulatorSettings settings;
    private final ServerState state;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final ServerlessEndpoint runPod;
    private final InferenceServer inference;
    private final List<Integer> ioThreadPolicies;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Every accepted connection: shutting the event loops down does not close them, a stopped server must. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private LlmEndpointEmulator(EmulatorSettings settings) throws InterruptedException {
        this.settings = settings;
        // native epoll wakes scheduled engine steps with microsecond precision; NIO only to the millisecond
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("llmload-emulator", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.ioThreadPolicies = applyScheduling(group, settings.ioThreadScheduling());
        // the engine steps on the first IO loop: with one IO thread (the default) every token write is direct
        EventLoop engineLoop = group.next();
        this.state = new ServerState(settings, engineLoop);
        state.warmUp(WARM_UP_ROUNDS);
        this.inference = settings.flavour() == EmulatorSettings.Flavour.INFERENCE_SERVER
                ? new InferenceServer(settings.inference(), engineLoop) : null;
        ChannelHandler handler = inference != null
                ? new InferenceHttpHandler(inference, TokenCounter.cl100k(), settings.seed()) : new OpenAiHttpHandler(state);
        this.runPod = new ServerlessEndpoint(settings.runPod(), settings.engine(), settings.seed(), engineLoop);
        RunPodHttpHandler runPodHandler = new RunPodHttpHandler(runPod, settings.apiKey(), TokenCounter.cl100k(), settings.seed());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), DateHeader.INSTANCE, new HttpServerKeepAliveHandler(),
                                new HttpObjectAggregator(MAX_BODY_BYTES), runPodHandler, handler);
                    }
                });
        this.serverChannel = bootstrap.bind(new InetSocketAddress(settings.host(), settings.port())).sync().channel();
    }

    /** Sets each IO thread's scheduling on the thread itself (starting it), before anything is served. */
    private static List<Integer> applyScheduling(EventLoopGroup group, IoThreadScheduling scheduling) throws InterruptedException {
        List<Integer> policies = new ArrayList<>();
        for (EventExecutor loop : group) {
            try {
                policies.add(loop.submit(() -> {
                    scheduling.applyToCurrentThread();
                    return scheduling == IoThreadScheduling.NORMAL ? -1 : ThreadPolicy.currentThreadPolicy();
                }).get());
            } catch (ExecutionException e) {
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return List.copyOf(policies);
    }

    /**
     * The Linux scheduling policy each IO thread was given (5 = SCHED_IDLE), or -1 for each when
     * {@code emulator.io-thread-scheduling = normal} left them as they were.
     */
    public List<Integer> ioThreadPolicies() {
        return ioThreadPolicies;
    }

    /** Starts an emulator; port 0 picks a free port. */
    public static LlmEndpointEmulator start(EmulatorSettings settings) {
        try {
            return new LlmEndpointEmulator(settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the emulator", e);
        }
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public String baseUrl() {
        return "http://" + settings.host() + ":" + port();
    }

    public EmulatorSettings settings() {
        return settings;
    }

    public GroundTruth groundTruth() {
        return state.groundTruth();
    }

    /** The inference-server model when {@code emulator.flavour = inference-server}, else null. */
    public InferenceServer inferenceServer() {
        return inference;
    }

    /** The RunPod serverless endpoint served under /v2/{endpoint-id}/. */
    public ServerlessEndpoint runPod() {
        return runPod;
    }

    /** Requests the close-after-stream fault dropped unread (sent on a connection the server was closing). */
    public long droppedOnClosingConnections() {
        return state.droppedOnClosingConnections();
    }

    public EngineStats engineStats() {
        return state.engine().stats();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        serverChannel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        state.engine().close();
    }
}
