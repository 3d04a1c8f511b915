package io.llmload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joins a run's llm-requests.jsonl with a standalone emulator's ground-truth file (both on this
 * machine's monotonic clock) and prints the measurement-error percentiles.
 * Usage: AccuracyReport <llm-requests.jsonl> <emulator-traces.jsonl> [skip-first-seconds]
 */
public final class AccuracyReport {

    private AccuracyReport() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> traces = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            JsonNode t = json.readTree(line);
            traces.put(t.get("id").asText(), t);
        }
        double skipSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        List<Double> ttft = new ArrayList<>();
        List<Double> e2e = new ArrayList<>();
        List<Double> transit = new ArrayList<>();
        List<Double> lag = new ArrayList<>();
        long first = Long.MAX_VALUE;
        List<JsonNode> requests = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            JsonNode r = json.readTree(line);
            requests.add(r);
            first = Math.min(first, r.get("send_nanos").asLong());
        }
        for (JsonNode r : requests) {
            JsonNode t = r.has("id") ? traces.get(r.get("id").asText()) : null;
            long sent = r.get("send_nanos").asLong();
            if (t == null || !r.get("ok").asBoolean() || (sent - first) / 1e9 < skipSeconds) continue;
            if (r.has("ttft_ms")) ttft.add((sent + r.get("ttft_ms").asDouble() * 1e6 - t.get("firstTokenWrittenNanos").asLong()) / 1e6);
            e2e.add((sent + r.get("e2e_ms").asDouble() * 1e6 - t.get("completedWrittenNanos").asLong()) / 1e6);
            transit.add((t.get("arrivalNanos").asLong() - sent) / 1e6);
            lag.add((t.get("firstTokenWrittenNanos").asLong() - t.get("firstTokenModelNanos").asLong()) / 1e6);
        }
        System.out.println(line("TTFT error (client saw first chunk - emulator wrote it)", ttft));
        System.out.println(line("E2E error (client saw last byte - emulator wrote it)", e2e));
        System.out.println(line("request transit (emulator received - client sent)", transit));
        System.out.println(line("emulator lag (first write - model step end)", lag));
    }

    static String line(String name, List<Double> values) {
        if (values.isEmpty()) return name + ": no samples";
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        return String.format(Locale.ROOT, "%s ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f  (n=%d)", name,
                at(v, 50), at(v, 90), at(v, 99), v.get(v.size() - 1), v.size());
    }

    static double at(List<Double> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1));
    }
}
