package io.llmload.target;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental Server-Sent Events parser: bytes in any chunking, {@code data:} lines out, one
 * event per blank line (multi-line data joined with '\n'). Comments and other fields are ignored.
 * Lines are collected as raw bytes and decoded once complete, so a multi-byte character split
 * across network reads survives. Runs once per received chunk: no per-byte calls, no locks.
 */
final class SseParser {

    private final Consumer<String> onEvent;
    private byte[] line = new byte[512];
    private int length;
    private StringBuilder data;

    SseParser(Consumer<String> onEvent) {
        this.onEvent = onEvent;
    }

    void feed(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            int start = buffer.position();
            int limit = buffer.limit();
            int newline = start;
            while (newline < limit && buffer.get(newline) != '\n') newline++;
            int n = newline - start;
            if (length + n > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            buffer.get(line, length, n);
            length += n;
            if (newline < limit) {
                buffer.get();
                endLine();
            }
        }
    }

    /** End of stream: a last event without its blank line still counts. */
    void finish() {
        if (length > 0) endLine();
        dispatch();
    }

    private void endLine() {
        int end = length;
        length = 0;
        if (end > 0 && line[end - 1] == '\r') end--;
        if (end == 0) {
            dispatch();
        } else if (end >= 5 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a' && line[4] == ':') {
            int from = end > 5 && line[5] == ' ' ? 6 : 5;
            String value = new String(line, from, end - from, StandardCharsets.UTF_8);
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
    }

    private void dispatch() {
        if (data != null) {
            String event = data.toString();
            data = null;
            onEvent.accept(event);
        }
    }
}
