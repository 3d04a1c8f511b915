package io.llmload.target.runpod;

import io.llmload.target.ErrorBodies;

/** KO reasons of RunPod jobs: one stable prefix per kind, then the platform's error text. */
final class JobFailures {

    private JobFailures() {
    }

    static String http(int status, String body) {
        String kind = switch (status) {
            case 401 -> "HTTP 401 unauthorized";
            case 429 -> "HTTP 429 rate limited";
            default -> status >= 500 ? "HTTP " + status + " server error" : "HTTP " + status;
        };
        String text = ErrorBodies.message(body);
        return text.isEmpty() ? kind : kind + ": " + text;
    }

    /** FAILED, TIMED_OUT, CANCELLED or a status this suite does not know. */
    static String job(JobStatus status) {
        String kind = switch (status.status()) {
            case "FAILED", "TIMED_OUT", "CANCELLED" -> "job " + status.status();
            default -> "job status '" + status.status() + "'";
        };
        return status.error() == null ? kind : kind + ": " + ErrorBodies.clip(status.error());
    }

    static String timeout(long budgetMillis, boolean cancelled) {
        return "timeout after " + budgetMillis + " ms (" + (cancelled ? "job cancelled" : "no job id to cancel") + ")";
    }

    static String invalidResponse(String detail) {
        return "invalid job response: " + ErrorBodies.clip(detail);
    }
}
