package io.llmload.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A parsed Prometheus text exposition (format 0.0.4, as vLLM, DCGM-exporter and most servers
 * write it): {@code name{label="value",...} value [timestamp]} lines, {@code # HELP} and
 * {@code # TYPE} comments, escaped label values, NaN and ±Inf.
 */
public final class PrometheusSamples {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusSamples(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    /** @throws IllegalArgumentException naming the line that is not valid exposition text */
    public static PrometheusSamples parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) continue;
            if (line.startsWith("#")) {
                String[] parts = line.split("\\s+", 4);
                if (parts.length >= 4 && parts[1].equals("TYPE")) types.put(parts[2], parts[3]);
                continue;
            }
            try {
                samples.add(parseSample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Prometheus text line " + lineNo + ": " + e.getMessage() + ": " + line);
            }
        }
        return new PrometheusSamples(samples, types);
    }

    private static Sample parseSample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) i++;
        String name = line.substring(0, i);
        if (name.isEmpty()) throw new IllegalArgumentException("missing metric name");
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) i++;
                if (i >= line.length()) throw new IllegalArgumentException("unclosed label set");
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') throw new IllegalArgumentException("bad label");
                String key = line.substring(i, eq).strip();
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\' && j + 1 < line.length()) {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                if (j >= line.length()) throw new IllegalArgumentException("unterminated label value");
                labels.put(key, value.toString());
                i = j + 1;
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) throw new IllegalArgumentException("missing value");
        return new Sample(name, labels, parseValue(rest[0]));
    }

    /** Go's and C++'s spellings too: llama.cpp prints a 0/0 gauge as {@code -nan} and a x/0 one as {@code inf}. */
    private static double parseValue(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "-nan", "+nan" -> Double.NaN;
            case "+inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The declared type ({@code counter}, {@code gauge}, {@code histogram}...) of a metric family, or null. */
    public String type(String family) {
        return types.get(family);
    }

    /** The sum over all label sets of a metric, or NaN when absent. */
    public double sum(String name) {
        return sum(name, s -> true);
    }

    /** The sum over the label sets that carry {@code label=value}, or NaN when none. */
    public double sum(String name, String label, String value) {
        return sum(name, s -> value.equals(s.labels().get(label)));
    }

    private double sum(String name, Predicate<Sample> which) {
        double total = 0;
        boolean found = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && which.test(s)) {
                total += s.value();
                found = true;
            }
        }
        return found ? total : Double.NaN;
    }
}
