package io.llmload.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IoThreadSchedulingTest {

    private static final String STREAMED_CHAT = "{\"model\":\"" + EmulatorFixture.MODEL + "\",\"max_tokens\":5,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Name five rivers.\"}]}";

    @Test
    void idlePutsEveryIoThreadUnderSchedIdleAndTheEmulatorStillServesAndStampsItsWrites() throws Exception {
        try (LlmEndpointEmulator emulator = LlmEndpointEmulator.start(EmulatorFixture.settings(
                Map.of("io-thread-scheduling", "idle", "io-threads", "2", "decode-step-base", "2ms")))) {
            assertThat(emulator.ioThreadPolicies()).containsExactly(IoThreadScheduling.SCHED_IDLE, IoThreadScheduling.SCHED_IDLE);

            var response = EmulatorFixture.post(emulator, "/v1/chat/completions", STREAMED_CHAT);
            RequestTrace t = emulator.groundTruth().await(1, Duration.ofSeconds(5)).get(0);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).endsWith("data: [DONE]\n\n");
            assertThat(t.completionTokens()).isEqualTo(5);
            // the bytes reach the client between write start and written
            assertThat(t.firstTokenModelNanos()).isLessThanOrEqualTo(t.firstTokenWriteStartNanos());
            assertThat(t.firstTokenWriteStartNanos()).isLessThanOrEqualTo(t.firstTokenWrittenNanos());
            assertThat(t.completedWriteStartNanos()).isBetween(t.firstTokenWrittenNanos(), t.completedWrittenNanos());
        }
    }

    @Test
    void normalLeavesTheThreadsAlone() {
        try (LlmEndpointEmulator emulator = LlmEndpointEmulator.start(EmulatorFixture.settings(Map.of()))) {
            assertThat(emulator.ioThreadPolicies()).containsExactly(-1);
        }
    }

    @Test
    void anUnknownValueNamesTheKey() {
        assertThatThrownBy(() -> EmulatorFixture.settings(Map.of("io-thread-scheduling", "realtime")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("emulator.io-thread-scheduling must be normal or idle, got 'realtime'");
    }
}
