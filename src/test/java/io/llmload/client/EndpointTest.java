package io.llmload.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointTest {

    private static Endpoint at(String base) {
        return new Endpoint(URI.create(base), null, Duration.ofSeconds(1));
    }

    @Test
    void aPathJoinsTheBaseWithoutADoubledSlashOrV1() {
        assertThat(at("http://127.0.0.1:8000").resolve("/v1/completions")).isEqualTo(URI.create("http://127.0.0.1:8000/v1/completions"));
        assertThat(at("http://127.0.0.1:8000/").resolve("/v1/completions")).isEqualTo(URI.create("http://127.0.0.1:8000/v1/completions"));
        assertThat(at("https://gateway.example/openai/v1").resolve("/v1/chat/completions"))
                .isEqualTo(URI.create("https://gateway.example/openai/v1/chat/completions"));
    }

    @Test
    void theSameResolutionTwiceGivesTheSameUriAndOtherBasesTheirOwn() {
        URI first = at("http://127.0.0.1:8001").resolve("/v1/embeddings");
        assertThat(at("http://127.0.0.1:8001").resolve("/v1/embeddings")).isSameAs(first);
        assertThat(at("http://127.0.0.1:8002").resolve("/v1/embeddings")).isEqualTo(URI.create("http://127.0.0.1:8002/v1/embeddings"));
    }
}
