package io.llmload.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.metrics.LlmMetrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's per-request samples, read from its {@code llm-requests.jsonl}: what a night is compared on.
 * Warm-up requests are left out, as in the run's own figures.
 */
public final class RunSamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request: its level, whether it succeeded, its durations (NaN when absent), tokens and times. */
    record Sample(int level, boolean ok, double e2eMs, double ttftMs, double tpotMs, double queueMs, double executionMs,
                  long outputTokens, long startMs, long endMs) {

        double value(RegressionRule.Metric metric) {
            return switch (metric) {
                case LATENCY -> e2eMs;
                case TTFT -> ttftMs;
                case TPOT -> tpotMs;
                case QUEUE -> queueMs;
                case EXECUTION -> executionMs;
                default -> Double.NaN;
            };
        }
    }

    private final String request;
    private final List<Sample> samples;

    private RunSamples(String request, List<Sample> samples) {
        this.request = request;
        this.samples = samples;
    }

    /** The samples of {@code request} in {@code requestLog}; a line that is not JSON is an error naming the file and line. */
    public static RunSamples read(Path requestLog, String request) {
        List<Sample> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(requestLog, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) continue;
                JsonNode r;
                try {
                    r = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(requestLog + " line " + number + ": not a JSON object");
                }
                if (!request.equals(r.path("request").asText()) || r.path("warm_up").asBoolean()) continue;
                long start = r.path("start_ms").asLong();
                double e2e = r.path("e2e_ms").asDouble();
                out.add(new Sample(r.path("level").asInt(), r.path("ok").asBoolean(), e2e, number(r, "ttft_ms"), number(r, "tpot_ms"),
                        number(r, "queue_ms"), number(r, "execution_ms"), r.path("output_tokens").asLong(), start, start + (long) e2e));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + requestLog, e);
        }
        return new RunSamples(request, out);
    }

    private static double number(JsonNode r, String field) {
        return r.has(field) ? r.get(field).asDouble() : Double.NaN;
    }

    public String request() {
        return request;
    }

    /** The samples at {@code level} ({@link LlmMetrics#ALL_LEVELS}: every level). */
    List<Sample> at(int level) {
        if (level == LlmMetrics.ALL_LEVELS) return samples;
        return samples.stream().filter(s -> s.level() == level).toList();
    }

    public int size() {
        return samples.size();
    }
}
