package io.llmload.merge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The injectors' llm-requests.jsonl as one file in the order the requests ended, as one injector's
 * log is (it writes a request when it ends): each file is read once, line by line, and the next line
 * taken from the file whose head ended first.
 */
final class RequestLogMerger {

    private static final JsonFactory JSON = new JsonFactory();

    private RequestLogMerger() {
    }

    private record Head(double endMillis, String line, BufferedReader from) {
    }

    /** Merges the logs into {@code out}; false (and nothing written) when any of them is missing. */
    static boolean merge(List<Path> logs, Path out) throws IOException {
        if (logs.isEmpty() || !logs.stream().allMatch(Files::isRegularFile)) return false;
        List<BufferedReader> readers = new ArrayList<>();
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> Double.compare(a.endMillis(), b.endMillis()));
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Path log : logs) {
                BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8);
                readers.add(r);
                advance(r, heads);
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                w.write(h.line());
                w.write('\n');
                advance(h.from(), heads);
            }
        } finally {
            for (BufferedReader r : readers) r.close();
        }
        return true;
    }

    private static void advance(BufferedReader r, PriorityQueue<Head> heads) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank()) continue;
            heads.add(new Head(endMillis(line), line, r));
            return;
        }
    }

    /** start_ms + e2e_ms of a request line (read field by field, not as a tree: millions of lines). */
    static double endMillis(String line) throws IOException {
        double start = 0;
        double e2e = 0;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object: " + line);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("start_ms".equals(name)) start = p.getDoubleValue();
                else if ("e2e_ms".equals(name)) e2e = p.getDoubleValue();
                else if (value.isStructStart()) p.skipChildren();
            }
        }
        return start + e2e;
    }
}
