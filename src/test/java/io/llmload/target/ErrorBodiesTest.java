package io.llmload.target;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorBodiesTest {

    @Test
    void readsTheMessageOfEachServersErrorShape() {
        assertThat(ErrorBodies.message("{\"error\":{\"message\":\"too long\",\"type\":\"BadRequestError\",\"code\":400}}")).isEqualTo("too long");
        assertThat(ErrorBodies.message("{\"object\":\"error\",\"message\":\"old vllm\",\"code\":400}")).isEqualTo("old vllm");
        assertThat(ErrorBodies.message("{\"error\":\"Input validation error: inputs too long\",\"error_type\":\"validation\"}"))
                .isEqualTo("Input validation error: inputs too long");
        assertThat(ErrorBodies.message("{\"detail\":\"Not authenticated\"}")).isEqualTo("Not authenticated");
        assertThat(ErrorBodies.message("<html>502 Bad Gateway</html>\n")).isEqualTo("<html>502 Bad Gateway</html>");
    }

    @Test
    void longMessagesAreClippedToOneLine() {
        String message = ErrorBodies.message("x".repeat(1000) + "\nsecond line");
        assertThat(message).hasSize(ErrorBodies.MAX_MESSAGE + 1).doesNotContain("\n");
    }
}
