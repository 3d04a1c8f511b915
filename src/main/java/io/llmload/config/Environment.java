package io.llmload.config;

/** Secrets come from environment variables named in the configuration, never from the file itself. */
public final class Environment {

    private Environment() {
    }

    /** The trimmed value of the variable, or null when the name is blank or the variable unset or blank. */
    public static String secret(String variable) {
        if (variable == null || variable.isBlank()) return null;
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
