package io.llmload.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A bounded record of the latest requests' traces, for tests and benchmarks to compare against. */
public final class GroundTruth {

    private final int capacity;
    private final Map<String, RequestTrace> byId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    public GroundTruth(int capacity) {
        this.capacity = capacity;
    }

    public void add(RequestTrace trace) {
        if (capacity <= 0) return;
        byId.put(trace.id(), trace);
        order.add(trace.id());
        if (size.incrementAndGet() > capacity) {
            String eldest = order.poll();
            if (eldest != null) {
                byId.remove(eldest);
                size.decrementAndGet();
            }
        }
    }

    public Optional<RequestTrace> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<RequestTrace> all() {
        List<RequestTrace> out = new ArrayList<>();
        for (String id : order) {
            RequestTrace trace = byId.get(id);
            if (trace != null) out.add(trace);
        }
        return out;
    }

    /** Waits until at least {@code count} traces are recorded (a trace lands once its bytes are written). */
    public List<RequestTrace> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (size.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return all();
    }

    /** Writes every kept trace as a JSON line (nanos are this machine's CLOCK_MONOTONIC on Linux). */
    public void writeJsonl(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (var out = Files.newBufferedWriter(file)) {
            for (RequestTrace t : all()) {
                out.write(json.writeValueAsString(t));
                out.write('\n');
            }
        }
    }

    public void clear() {
        byId.clear();
        order.clear();
        size.set(0);
    }
}
