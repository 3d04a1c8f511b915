package io.llmload.client.runpod;

import io.llmload.client.ErrorBodies;
import io.llmload.client.Failures;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;

/** KO reasons of RunPod jobs: one stable prefix per kind, then the platform's error text. */
final class JobFailures {

    private JobFailures() {
    }

    static Failure http(int status, String body) {
        String kind = switch (status) {
            case 401 -> "HTTP 401 unauthorized";
            case 429 -> "HTTP 429 rate limited";
            default -> status >= 500 ? "HTTP " + status + " server error" : "HTTP " + status;
        };
        String text = ErrorBodies.message(body);
        return Failure.of(FailureKind.HTTP_STATUS, text.isEmpty() ? kind : kind + ": " + text);
    }

    /** FAILED, TIMED_OUT, CANCELLED (the platform says so), or a status this suite does not know (a violation). */
    static Failure job(JobStatus status) {
        boolean known = switch (status.status()) {
            case "FAILED", "TIMED_OUT", "CANCELLED" -> true;
            default -> false;
        };
        String kind = known ? "job " + status.status() : "job status '" + ErrorBodies.clip(status.status()) + "'";
        String reason = status.error() == null ? kind : kind + ": " + ErrorBodies.clip(status.error());
        return Failure.of(known ? FailureKind.SERVER_ERROR_EVENT : FailureKind.PROTOCOL_VIOLATION, reason);
    }

    static Failure timeout(long budgetMillis, boolean cancelled) {
        return Failure.of(FailureKind.TIMEOUT_NO_FIRST_TOKEN,
                "timeout after " + budgetMillis + " ms (" + (cancelled ? "job cancelled" : "no job id to cancel") + ")");
    }

    static Failure invalidResponse(String detail) {
        return Failures.protocol("invalid job response: " + detail);
    }
}
