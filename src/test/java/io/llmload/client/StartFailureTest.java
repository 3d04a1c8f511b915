package io.llmload.client;

import io.llmload.config.ClientKind;
import io.llmload.metrics.FailureKind;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever throws while a request starts ends that request as a KO: its virtual user is never left waiting. */
class StartFailureTest {

    private static EventLoopGroup loops;

    @BeforeAll
    static void start() {
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aPortOutOfRangeIsAClientErrorKo(ClientKind transport) throws Exception {
        Transport client = Transports.open(transport, HttpClient.Version.HTTP_1_1);
        try {
            Endpoint endpoint = new Endpoint(URI.create("http://127.0.0.1:99999"), null, Duration.ofSeconds(10));
            CompletableFuture<Answer> done = new CompletableFuture<>();
            client.send(loops.next(), HttpCall.postJson(endpoint.resolve("/v1/completions"), "{}", true, null, new JsonAnswer(true)),
                    endpoint.requestTimeout(), endpoint.readLimits(), done::complete);
            Answer response = done.get(2, TimeUnit.SECONDS);
            assertThat(response.failure().kind()).isEqualTo(FailureKind.CLIENT_ERROR);
            assertThat(response.failure().reason()).contains("IllegalArgumentException").contains("port");
        } finally {
            client.close();
        }
    }
}
