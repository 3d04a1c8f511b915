package io.llmload.client.runpod;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.llmload.report.Section;

import java.util.List;

/** A serverless endpoint's {@code /health} during the run: workers and jobs, sample by sample. */
public record HealthSeries(@JsonValue List<Sample> samples) implements Section {

    /** One poll: seconds since the start, and the counts, or the error of a poll that failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(double tS, Integer workersIdle, Integer workersRunning, Integer workersInitializing, Integer jobsInQueue,
                         Integer jobsInProgress, String error) {
    }

    @Override
    public String key() {
        return "runpod_health";
    }

    @Override
    public String markdown() {
        if (samples.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\n## Endpoint health during the run\n\n")
                .append("Polled from /health; every sample is in llm-summary.json.\n\n")
                .append("| t_s | workers_idle | workers_running | workers_initializing | jobs_in_queue | jobs_in_progress | error |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Sample s : samples) {
            md.append("| ").append(s.tS()).append(" | ").append(cell(s.workersIdle())).append(" | ").append(cell(s.workersRunning()))
              .append(" | ").append(cell(s.workersInitializing())).append(" | ").append(cell(s.jobsInQueue()))
              .append(" | ").append(cell(s.jobsInProgress())).append(" | ").append(cell(s.error())).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
