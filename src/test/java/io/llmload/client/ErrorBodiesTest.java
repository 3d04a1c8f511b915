package io.llmload.client;

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
        assertThat(ErrorBodies.message("<html>502 Bad Gateway</html>\n")).isEqualTo("HTML page: 502 Bad Gateway");
    }

    @Test
    void anHtmlPageIsNamedByItsTitleNotPastedWhole() {
        String page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{}</style></head><body>"
                + "<h1>Bad Gateway</h1>" + "<p>filler</p>".repeat(100) + "</body></html>";
        assertThat(ErrorBodies.message(page)).isEqualTo("HTML page \"502 Bad Gateway\"");
    }

    @Test
    void controlCharactersFromTheServerNeverReachAReason() {
        String hostile = "boom\u001b[31m red\u0000\ttab\u0085next\u2028line";
        assertThat(ErrorBodies.clip(hostile)).isEqualTo("boom\uFFFD[31m red\uFFFD tab\uFFFDnext\uFFFDline")
                .doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void longMessagesAreClippedToOneLine() {
        String message = ErrorBodies.message("x".repeat(1000) + "\nsecond line");
        assertThat(message).hasSize(ErrorBodies.MAX_MESSAGE + 1).doesNotContain("\n");
    }
}
