package io.llmload.target;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental Server-Sent Events parser: bytes in any chunking, {@code data:} lines out, one
 * event per blank line (multi-line data joined with '\n'). Comments and other fields are ignored.
 */
final class SseParser {

    private final Consumer<String> onEvent;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private StringBuilder data;

    SseParser(Consumer<String> onEvent) {
        this.onEvent = onEvent;
    }

    void feed(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (b == '\n') {
                endLine();
            } else {
                line.write(b);
            }
        }
    }

    /** End of stream: a last event without its blank line still counts. */
    void finish() {
        if (line.size() > 0) endLine();
        dispatch();
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        if (text.isEmpty()) {
            dispatch();
        } else if (text.startsWith("data:")) {
            String value = text.startsWith("data: ") ? text.substring(6) : text.substring(5);
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
