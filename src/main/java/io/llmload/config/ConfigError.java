package io.llmload.config;

/** A configuration or input-file problem, reported as one line before any load starts. */
public final class ConfigError extends RuntimeException {

    public ConfigError(String message) {
        super(message, null, false, false);
    }

    @Override
    public String toString() {
        return "llmload config error: " + getMessage();
    }
}
