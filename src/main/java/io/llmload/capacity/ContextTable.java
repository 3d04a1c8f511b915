package io.llmload.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.metrics.Numbers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Capacity per context length, side by side (scripts/capacity-by-context.sh): one capacity search per
 * {@code capacity.context-tokens}, each {@code context-<N>.summary.json} its llm-summary.json. For each:
 * the prompt tokens a request measured (the server's usage), the capacity (mean and range over the
 * repeats), and the best throughput of a passing step. Written to contexts.md.
 */
public final class ContextTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One context length's search. */
    record Row(int contextTokens, double promptTokensPerRequest, Double capacityMean, int capacityMin, int capacityMax,
               double bestRequestsPerS, double bestOutputTokensPerS) {
    }

    private ContextTable() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/llmload/contexts");
        String md = render(read(dir));
        Files.writeString(dir.resolve("contexts.md"), md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    static List<Row> read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("context-\\d+\\.summary\\.json")).toList();
        }
        if (files.isEmpty()) throw new IOException(dir + ": no context-*.summary.json files (run scripts/capacity-by-context.sh)");
        List<Row> rows = new ArrayList<>();
        for (Path file : files) {
            JsonNode summary = JSON.readTree(file.toFile());
            int context = Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""));
            JsonNode overall = summary.path("overall");
            JsonNode capacity = summary.path("capacity");
            double best = 0;
            double bestTokens = 0;
            for (JsonNode step : capacity.path("steps")) {
                if (!step.path("passed").asBoolean()) continue;
                best = Math.max(best, step.path("requests_per_s").asDouble());
                bestTokens = Math.max(bestTokens, step.path("output_tokens_per_s").asDouble());
            }
            long requests = overall.path("ok").asLong();
            rows.add(new Row(context, requests == 0 ? Double.NaN : overall.path("prompt_tokens").asDouble() / requests,
                    capacity.path("capacity_mean").isNumber() ? capacity.path("capacity_mean").asDouble() : null,
                    capacity.path("capacity_min").asInt(), capacity.path("capacity_max").asInt(), best, bestTokens));
        }
        rows.sort((a, b) -> Integer.compare(a.contextTokens(), b.contextTokens()));
        return rows;
    }

    static String render(List<Row> rows) {
        StringBuilder md = new StringBuilder("# Capacity per context length\n\n")
                .append("| context (capacity.context-tokens) | prompt tokens a request (measured) | capacity mean | range | best req/s | best output tok/s |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.contextTokens() == 0 ? "news prompt" : Numbers.thousands(r.contextTokens())).append(" | ")
              .append(Numbers.fixed(r.promptTokensPerRequest(), 0)).append(" | ").append(Numbers.fixed(r.capacityMean(), 1))
              .append(" | ").append(r.capacityMin()).append("–").append(r.capacityMax()).append(" | ")
              .append(Numbers.fixed(r.bestRequestsPerS(), 2)).append(" | ").append(Numbers.fixed(r.bestOutputTokensPerS(), 1)).append(" |\n");
        }
        return md.toString();
    }
}
