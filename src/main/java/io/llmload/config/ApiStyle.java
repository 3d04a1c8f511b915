package io.llmload.config;

/** The OpenAI-compatible endpoint a request goes to. */
public enum ApiStyle {
    CHAT("/v1/chat/completions"),
    COMPLETIONS("/v1/completions");

    private final String path;

    ApiStyle(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
