package io.llmload.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A request kind defined in a test alone runs through the generic action, and the run measures it truly. */
class EchoProtocolIT {

    private static final long DELAY_MILLIS = 40;
    private static final int GARBLE_EVERY = 6;

    @ParameterizedTest
    @ValueSource(strings = {"netty", "jdk"})
    void aRequestKindOfItsOwnIsTimedCheckedAndReportedLikeTheBuiltInOnes(String client) throws Exception {
        try (EchoServer server = new EchoServer(DELAY_MILLIS, GARBLE_EVERY)) {
            EchoSimulation.STEPS_OFF_THE_USERS_LOOP.set(0);
            RunResult r = RunResult.of(EchoSimulation.class, Map.of("target.base-url", server.baseUrl(), "target.client", client));
            RunResult.Level level = r.level("echo", EchoSimulation.USERS);
            int sent = EchoSimulation.USERS * EchoSimulation.REQUESTS_PER_USER;
            assertThat(server.received()).as("requests the server answered").isEqualTo(sent);
            assertThat(level.requests()).isEqualTo(sent);
            assertThat(level.ko()).as("the garbled answers, judged by the protocol").isEqualTo(server.garbled()).isEqualTo(sent / GARBLE_EVERY);
            assertThat(level.failures()).containsOnlyKeys("echo: the answer is not the text sent");
            assertThat(level.failuresByKind()).containsOnlyKeys("invalid_answer");
            assertThat(level.e2e().count()).as("latency of the successful ones only").isEqualTo(level.ok());
            assertThat(level.e2e().minMillis()).as("no answer before the server's delay").isGreaterThanOrEqualTo((double) DELAY_MILLIS);
            assertThat(level.e2e().percentileMillis(50)).as("the delay and little else on loopback").isLessThan(DELAY_MILLIS + 30.0);
            assertThat(level.outputTokens()).as("the echoed text, counted on the client").isPositive();
            assertThat(EchoSimulation.STEPS_OFF_THE_USERS_LOOP.get())
                    .as("steps after a request run on the user's event loop, whichever client answered").isZero();
            assertThat(r.exit()).isZero();
        }
    }
}
