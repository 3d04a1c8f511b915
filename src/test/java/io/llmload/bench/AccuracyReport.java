package io.llmload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joins a run's llm-requests.jsonl with the emulator's ground truth (GroundTruth.writeJsonl; both
 * on this machine's monotonic clock) and gives, per request, how late the client saw the first and
 * the last byte after the emulator wrote them (the suite's measurement error), how long the request
 * took to reach the emulator (part of TTFT, as on a network), how long the emulator held it before
 * admitting it, and how far the emulator's writes trail its own model (the emulator's error); then
 * the TTFT error by how many requests ended in the same engine step.
 * Usage: AccuracyReport <llm-requests.jsonl> <emulator-traces.jsonl> [warm-up-seconds]
 */
public final class AccuracyReport {

    /**
     * The emulator stamps a write before handing the bytes to Netty and after the socket write
     * returns; the bytes reach the client in between. Against the start the error is an upper
     * bound (it includes the emulator's own encode and write), against the end a lower bound (the
     * emulator, preempted by the reader its write woke, stamps late).
     */
    private static final String[] NAMES = {
            "TTFT error (client saw first chunk - emulator began writing it)",
            "  lower bound (- emulator's write returned)",
            "E2E error (client saw last byte - emulator began writing it)",
            "  lower bound (- emulator's write returned)",
            "request transit (emulator received - client sent)",
            "emulator queue (step admitting it, in model time - received; below 0 when the emulator lags its model)",
            "emulator lag (began writing the first token - model step end)"};

    /** The row's column: how many requests had their last token in the engine step of this one's first token. */
    private static final int ENDS_IN_STEP = 8;

    private final List<double[]> rows = new ArrayList<>();

    private AccuracyReport() {
    }

    public static void main(String[] args) throws IOException {
        double warmUp = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        System.out.print(of(Path.of(args[0]), Path.of(args[1])).text(warmUp));
    }

    /** Reads both files; only successful requests with a trace count. */
    public static AccuracyReport of(Path requests, Path traces) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byId = new HashMap<>();
        Map<Long, Integer> endsByStep = new HashMap<>();
        for (String line : Files.readAllLines(traces)) {
            JsonNode t = json.readTree(line);
            byId.put(t.get("id").asText(), t);
            endsByStep.merge(t.path("lastTokenModelNanos").asLong(-1), 1, Integer::sum);
        }
        List<JsonNode> measured = new ArrayList<>();
        long first = Long.MAX_VALUE;
        for (String line : Files.readAllLines(requests)) {
            JsonNode r = json.readTree(line);
            measured.add(r);
            first = Math.min(first, r.get("send_nanos").asLong());
        }
        AccuracyReport report = new AccuracyReport();
        for (JsonNode r : measured) {
            JsonNode t = r.has("id") ? byId.get(r.get("id").asText()) : null;
            if (t == null || !r.get("ok").asBoolean() || t.get("firstTokenWriteStartNanos").asLong() < 0) continue;
            long sent = r.get("send_nanos").asLong();
            double firstSeen = r.has("ttft_ms") ? sent + r.get("ttft_ms").asDouble() * 1e6 : Double.NaN;
            double lastSeen = sent + r.get("e2e_ms").asDouble() * 1e6;
            report.rows.add(new double[]{
                    (sent - first) / 1e9,
                    (firstSeen - t.get("firstTokenWriteStartNanos").asLong()) / 1e6,
                    (firstSeen - t.get("firstTokenWrittenNanos").asLong()) / 1e6,
                    (lastSeen - t.get("completedWriteStartNanos").asLong()) / 1e6,
                    (lastSeen - t.get("completedWrittenNanos").asLong()) / 1e6,
                    (t.get("arrivalNanos").asLong() - sent) / 1e6,
                    (t.get("admittedNanos").asLong() - t.get("arrivalNanos").asLong()) / 1e6,
                    (t.get("firstTokenWriteStartNanos").asLong() - t.get("firstTokenModelNanos").asLong()) / 1e6,
                    endsByStep.getOrDefault(t.get("firstTokenModelNanos").asLong(), 0)});
        }
        return report;
    }

    public int size() {
        return rows.size();
    }

    /** Percentile lines for all requests and, when {@code warmUpSeconds} > 0, for those sent after it. */
    public String text(double warmUpSeconds) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "requests=%d (all)%n", rows.size()));
        lines(out, 0);
        if (warmUpSeconds > 0) {
            out.append(String.format(Locale.ROOT, "after the first %.0f s (warm-up: JIT, connections)%n", warmUpSeconds));
            lines(out, warmUpSeconds);
        }
        out.append(String.format(Locale.ROOT, "TTFT error after %.0f s, by the requests that ended in the engine step of the first token "
                + "(their last chunks and the users' next requests share the client's loop with it)%n", warmUpSeconds));
        int[][] groups = {{0, 0}, {1, 1}, {2, 3}, {4, Integer.MAX_VALUE}};
        for (int[] group : groups) {
            List<Double> values = new ArrayList<>();
            for (double[] row : rows) {
                if (row[0] >= warmUpSeconds && row[ENDS_IN_STEP] >= group[0] && row[ENDS_IN_STEP] <= group[1]) values.add(row[1]);
            }
            String ends = group[0] == group[1] ? String.valueOf(group[0]) : group[1] == Integer.MAX_VALUE ? group[0] + "+" : group[0] + "-" + group[1];
            out.append(line("  " + ends + " ended", values)).append('\n');
        }
        return out.toString();
    }

    /** One row per request, the columns of {@link #NAMES} after the send time. */
    public String csv() {
        StringBuilder out = new StringBuilder("send_s,ttft_error_ms,ttft_error_vs_write_end_ms,e2e_error_ms,"
                + "e2e_error_vs_write_end_ms,request_transit_ms,emulator_queue_ms,emulator_lag_ms,ended_in_first_token_step\n");
        for (double[] row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.3f", row[0]));
            for (int column = 1; column < row.length; column++) line.append(String.format(Locale.ROOT, ",%.3f", row[column]));
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private void lines(StringBuilder out, double fromSeconds) {
        String[] names = NAMES;
        for (int column = 1; column <= names.length; column++) {
            List<Double> values = new ArrayList<>();
            for (double[] row : rows) {
                if (row[0] >= fromSeconds && !Double.isNaN(row[column])) values.add(row[column]);
            }
            out.append(line(names[column - 1], values)).append('\n');
        }
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
