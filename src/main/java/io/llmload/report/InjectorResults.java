package io.llmload.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.metrics.LatencyHistogram;
import io.llmload.metrics.LevelStats;
import io.llmload.metrics.LlmMetrics;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one injector of a scaled-out test hands to the merge, beside Gatling's simulation.log and
 * llm-requests.jsonl: {@value #FILE} (who it was, what it ran, every counter per request name and
 * level) and {@value #HISTOGRAMS} (every latency histogram, losslessly, in HdrHistogram's own log
 * format; each tagged with the index of its part in the JSON). Adding the parts of all injectors
 * gives the figures one injector holding the whole load would have recorded.
 */
public record InjectorResults(int format, String simulation, String runId, String target, String model, Injector injector,
                              String startAt, long startedMillis, long finishedMillis, String configHash, JsonNode config,
                              Plan plan, String stoppedEarly, ClockReading clock, List<Part> parts) {

    public static final String FILE = "llm-results.json";
    public static final String HISTOGRAMS = "llm-histograms.hlog";
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Keys that differ from one injector of the same test to the next, left out of the config hash. */
    private static final List<String> PER_INJECTOR_KEYS = List.of("index");

    public record Injector(int index, int count, String id) {
    }

    /** What the run was of (its {@code RunPlan} without the simulation's code): enough to judge the merged figures. */
    public record Plan(String sloSection, String alertsSection, List<String> requests, List<Integer> levels, boolean levelsFixed,
                       boolean servesModels, String warmUpSection, long goodputE2eMaxMillis, long goodputTtftMaxMillis,
                       long goodputTpotMaxMillis, double truncationWarningRatio) {
    }

    /** The target's clock minus the injector's, ± its uncertainty (ms), from the target's Date header. */
    public record ClockReading(long offsetMillis, long uncertaintyMillis) {
    }

    /** One request name at one level (-1: all levels), or its warm-up; {@code histograms} is filled when read back. */
    public record Part(String request, int level, boolean warmUp, LevelStats.Counters counters,
                       @JsonIgnore Map<String, Histogram> histograms) {
    }

    /** The parts of {@code metrics}, histograms included. */
    public static List<Part> parts(LlmMetrics metrics) {
        List<Part> out = new ArrayList<>();
        for (LlmMetrics.Part p : metrics.parts()) {
            Map<String, Histogram> histograms = new LinkedHashMap<>();
            p.stats().histograms().forEach((name, h) -> histograms.put(name, h.copy()));
            out.add(new Part(p.request(), p.level(), p.warmUp(), p.stats().counters(), histograms));
        }
        return out;
    }

    /** Adds every part to {@code metrics}. */
    public void addTo(LlmMetrics metrics) {
        for (Part p : parts) {
            LevelStats stats = metrics.part(p.request(), p.level(), p.warmUp());
            stats.add(p.counters());
            Map<String, LatencyHistogram> into = stats.histograms();
            p.histograms().forEach((name, h) -> {
                LatencyHistogram target = into.get(name);
                if (target == null) throw new IllegalArgumentException(HISTOGRAMS + ": unknown histogram '" + name + "'");
                target.add(h);
            });
        }
    }

    /** Writes {@value #FILE} and {@value #HISTOGRAMS} into {@code dir}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(FILE).toFile(), this);
            try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(HISTOGRAMS)), false, StandardCharsets.UTF_8)) {
                HistogramLogWriter log = new HistogramLogWriter(out);
                log.outputComment("llmload " + simulation + " " + injector.id() + ": tag = <part index in " + FILE + ">/<histogram>, values in microseconds");
                log.outputLogFormatVersion();
                log.outputLegend();
                double start = startedMillis / 1000.0;
                double end = Math.max(startedMillis, finishedMillis) / 1000.0;
                for (int i = 0; i < parts.size(); i++) {
                    for (Map.Entry<String, Histogram> h : parts.get(i).histograms().entrySet()) {
                        if (h.getValue().getTotalCount() == 0) continue;
                        Histogram tagged = h.getValue().copy();
                        tagged.setTag(i + "/" + h.getKey());
                        log.outputIntervalHistogram(start, end, tagged);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the injector results to " + dir, e);
        }
    }

    /** Reads an injector's folder; a missing or unreadable file is an {@link IllegalArgumentException} naming it. */
    public static InjectorResults read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no " + FILE + " (the injector did not finish its run)");
        }
        InjectorResults read;
        try {
            read = JSON.readValue(file.toFile(), InjectorResults.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (read.format() != FORMAT) throw new IllegalArgumentException(file + ": format " + read.format() + ", this merge reads " + FORMAT);
        List<Map<String, Histogram>> histograms = new ArrayList<>();
        for (int i = 0; i < read.parts().size(); i++) histograms.add(new LinkedHashMap<>());
        Path log = dir.resolve(HISTOGRAMS);
        try {
            HistogramLogReader reader = new HistogramLogReader(log.toFile());
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                String tag = next.getTag();
                int slash = tag == null ? -1 : tag.indexOf('/');
                int index = slash < 0 ? -1 : Integer.parseInt(tag.substring(0, slash));
                if (index < 0 || index >= histograms.size() || !(next instanceof Histogram histogram)) {
                    throw new IllegalArgumentException(log + ": a histogram tagged '" + tag + "' belongs to no part of " + FILE);
                }
                histograms.get(index).put(tag.substring(slash + 1), histogram);
            }
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(dir + ": no " + HISTOGRAMS + " beside " + FILE);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(log + ": a tag that is not <part>/<histogram> (" + e.getMessage() + ")");
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < read.parts().size(); i++) {
            Part p = read.parts().get(i);
            parts.add(new Part(p.request(), p.level(), p.warmUp(), p.counters(), histograms.get(i)));
        }
        return new InjectorResults(read.format(), read.simulation(), read.runId(), read.target(), read.model(), read.injector(),
                read.startAt(), read.startedMillis(), read.finishedMillis(), read.configHash(), read.config(), read.plan(),
                read.stoppedEarly(), read.clock(), parts);
    }

    /** A hash of the configuration that every injector of one test shares (its keys that differ per injector left out). */
    public static String configHash(JsonNode config) {
        JsonNode copy = config.deepCopy();
        JsonNode injector = copy.path("injector");
        if (injector instanceof ObjectNode o) PER_INJECTOR_KEYS.forEach(o::remove);
        JsonNode influx = copy.path("influx");
        if (influx instanceof ObjectNode o) o.remove("injector");
        try {
            byte[] canonical = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsBytes(new ObjectMapper().treeToValue(copy, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the configuration", e);
        }
    }

    /** Parses the effective configuration's JSON (EffectiveConfig). */
    public static JsonNode configTree(String effectiveConfigJson) {
        try {
            return JSON.readTree(effectiveConfigJson);
        } catch (IOException e) {
            throw new IllegalStateException("the effective configuration is not JSON", e);
        }
    }
}
