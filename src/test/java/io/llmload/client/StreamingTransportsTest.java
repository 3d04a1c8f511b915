package io.llmload.client;

import io.llmload.client.openai.CompletionCall;
import io.llmload.client.openai.CompletionDecoder;
import io.llmload.config.ApiStyle;
import io.llmload.config.ClientKind;
import io.llmload.emulator.EmulatorFixture;
import io.llmload.emulator.LlmEndpointEmulator;
import io.llmload.emulator.RequestTrace;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Both HTTP clients read the same stream into the same figures, checked against the emulator's record of it. */
class StreamingTransportsTest {

    private static final int MAX_TOKENS = 20;
    private static LlmEndpointEmulator emulator;
    private static EventLoopGroup loops;

    @BeforeAll
    static void start() {
        emulator = LlmEndpointEmulator.start(EmulatorFixture.settings(Map.of("port", "0", "decode-step-base", "2ms")));
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        emulator.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aChatStreamGivesEveryTokenTheUsageAndTheGaps(ClientKind transport) throws Exception {
        Transport client = Transports.open(transport, HttpClient.Version.HTTP_1_1);
        int before = emulator.groundTruth().all().size();
        CompletionDecoder decoder = new CompletionDecoder(true);

        Answer response = chatStream(client, loops.next(), "Write about the weather in " + transport, decoder);
        RequestTrace truth = emulator.groundTruth().await(before + 1, Duration.ofSeconds(5)).get(before);
        client.close();

        assertThat(response.failure()).isNull();
        assertThat(response.contentChunks()).isEqualTo(MAX_TOKENS).isEqualTo(truth.completionTokens());
        assertThat(decoder.completionTokens()).isEqualTo(MAX_TOKENS);
        assertThat(decoder.promptTokens()).isEqualTo(truth.promptTokens());
        assertThat(response.interTokenNanos()).hasSize(MAX_TOKENS - 1);
        assertThat(decoder.finishReason()).isEqualTo("length");
        assertThat(decoder.text()).isNotBlank();
        assertThat(response.firstContentNanos()).isBetween(response.sentNanos(), response.endNanos());
        assertThat(client.describe()).isEqualTo(transport == ClientKind.NETTY ? "netty client" : "jdk client");
    }

    /** Gatling's event loops, by its {@code gatling.netty} settings: NIO, or native epoll or io_uring. */
    enum GatlingLoops {
        NIO(NioIoHandler::newFactory, () -> true),
        EPOLL(EpollIoHandler::newFactory, Epoll::isAvailable),
        IO_URING(IoUringIoHandler::newFactory, IoUring::isAvailable);

        final Supplier<IoHandlerFactory> factory;
        final BooleanSupplier available;

        GatlingLoops(Supplier<IoHandlerFactory> factory, BooleanSupplier available) {
            this.factory = factory;
            this.available = available;
        }
    }

    @ParameterizedTest
    @EnumSource(GatlingLoops.class)
    void theNettyClientRunsOnEachKindOfGatlingEventLoop(GatlingLoops kind) throws Exception {
        assumeTrue(kind.available.getAsBoolean(), kind + " is not available on this machine");
        EventLoopGroup gatlingLoops = new MultiThreadIoEventLoopGroup(1, kind.factory.get());
        Transport client = Transports.open(ClientKind.NETTY, HttpClient.Version.HTTP_1_1);
        try {
            Answer response = chatStream(client, gatlingLoops.next(), "Write about " + kind, new CompletionDecoder(true));

            assertThat(response.failure()).isNull();
            assertThat(response.contentChunks()).isEqualTo(MAX_TOKENS);
        } finally {
            client.close();
            gatlingLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Streams one chat completion of {@value #MAX_TOKENS} tokens from the emulator on {@code loop}. */
    private static Answer chatStream(Transport client, EventLoop loop, String prompt, CompletionDecoder decoder) throws Exception {
        Endpoint endpoint = new Endpoint(URI.create(emulator.baseUrl() + "/v1"), null, Duration.ofSeconds(10));
        CompletionCall call = new CompletionCall(ApiStyle.CHAT, EmulatorFixture.MODEL, MAX_TOKENS, 0.0, true, true);
        CompletableFuture<Answer> done = new CompletableFuture<>();
        client.send(loop, HttpCall.postJson(endpoint.resolve(call.api().path()), call.body(prompt), true, null, decoder),
                endpoint.requestTimeout(), endpoint.readLimits(), done::complete);
        return done.get(10, TimeUnit.SECONDS);
    }
}
