package io.llmload.metrics;

import java.util.Objects;

/**
 * Why a request is a KO: a stable {@link FailureKind} and a short human reason
 * ({@code HTTP 503: upstream busy}, {@code chunk is not JSON}). Reasons never embed whole server
 * bodies or ids; server text in them is clipped to one line and cleaned of control characters.
 */
public record Failure(FailureKind kind, String reason) {

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public static Failure of(FailureKind kind, String reason) {
        return new Failure(kind, reason);
    }

    @Override
    public String toString() {
        return kind.key() + ": " + reason;
    }
}
