package io.llmload.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.metrics.Numbers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two capacity searches side by side (say an A10 run and an L20 run), part of the compare command
 * ({@link CompareMain}): capacity, best throughput, and P95 at each concurrency both runs measured, B ÷ A.
 */
public final class CapacityComparison {

    /** One compared figure: the value of run A, of run B, and B ÷ A. */
    public record Row(String metric, double a, double b) {
        public double ratio() {
            return a == 0 ? Double.NaN : b / a;
        }
    }

    private CapacityComparison() {
    }

    static JsonNode read(Path file) throws IOException {
        if (!Files.isReadable(file)) throw new IOException(file + ": cannot read (expected a capacity-search.json)");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode capacity = root.has("capacity") ? root.get("capacity") : root;
        if (!capacity.has("steps")) throw new IOException(file + ": no capacity search steps in it (expected a capacity-search.json)");
        return capacity;
    }

    public static List<Row> compare(JsonNode a, JsonNode b) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("capacity (mean over repeats)", a.get("capacity_mean").asDouble(), b.get("capacity_mean").asDouble()));
        rows.add(new Row("best throughput (req/s)", maxOf(a, "requests_per_s"), maxOf(b, "requests_per_s")));
        rows.add(new Row("best output tokens/s", maxOf(a, "output_tokens_per_s"), maxOf(b, "output_tokens_per_s")));
        Map<Integer, Double> p95a = meanP95ByConcurrency(a);
        Map<Integer, Double> p95b = meanP95ByConcurrency(b);
        for (int c : new TreeSet<>(p95a.keySet())) {
            if (p95b.containsKey(c)) rows.add(new Row("P95 ms at c=" + c, p95a.get(c), p95b.get(c)));
        }
        return rows;
    }

    private static double maxOf(JsonNode capacity, String field) {
        double max = 0;
        for (JsonNode step : capacity.get("steps")) max = Math.max(max, step.path(field).asDouble(0));
        return max;
    }

    private static Map<Integer, Double> meanP95ByConcurrency(JsonNode capacity) {
        Map<Integer, double[]> sums = new TreeMap<>();
        for (JsonNode step : capacity.get("steps")) {
            if (!step.hasNonNull("p95_ms")) continue;
            double[] s = sums.computeIfAbsent(step.get("concurrency").asInt(), k -> new double[2]);
            s[0] += step.get("p95_ms").asDouble();
            s[1]++;
        }
        Map<Integer, Double> out = new TreeMap<>();
        sums.forEach((c, s) -> out.put(c, s[0] / s[1]));
        return out;
    }

    static String markdown(String nameA, String nameB, List<Row> rows) {
        StringBuilder md = new StringBuilder("| metric | A | B | B ÷ A |\n|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.metric()).append(" | ").append(Numbers.compact(r.a())).append(" | ").append(Numbers.compact(r.b()))
              .append(" | ").append(Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f×", r.ratio())).append(" |\n");
        }
        return "A = " + nameA + "\nB = " + nameB + "\n\n" + md;
    }
}
