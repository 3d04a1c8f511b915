package io.llmload.client.inference;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerViewSectionTest {

    /** A figure the server does not expose reads "not exposed", not 0 or NaN. */
    @Test
    void theServerViewSaysNotExposedForWhatTheServerDoesNotExport() {
        ServerViewSection.Capability chat = new ServerViewSection.Capability(null, Map.of(200, 53L), null, null, null, null, null, null);
        ServerViewSection view = new ServerViewSection(7, 0, null, chat, null, null, null, null, null, null, null, null, null);
        assertThat(view.markdown()).contains("| chat | 200 | not exposed | 53 |")
                .contains("Queue rejections (429, global/audio limiter): not exposed")
                .contains("| chat | not exposed | not exposed | not exposed |")
                .contains("chat batch OOM retries: not exposed; chat batch requeues: not exposed; warm-up pool ready workers: not exposed")
                .doesNotContain("NaN");
    }
}
