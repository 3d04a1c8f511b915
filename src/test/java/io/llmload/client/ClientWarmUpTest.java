package io.llmload.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientWarmUpTest {

    /** The warm-up drives the real read path (codec, reader, SSE, chunk parsing) over one keep-alive connection. */
    @Test
    void everySyntheticStreamCompletesWithAllItsChunks() {
        assertThat(ClientWarmUp.run(new NettyTransport())).isEqualTo(ClientWarmUp.RESPONSES);
    }
}
