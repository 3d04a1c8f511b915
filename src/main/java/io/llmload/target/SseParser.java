package io.llmload.target;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * Incremental Server-Sent Events parser: bytes in any chunking, {@code data:} payloads out, one
 * event per blank line (multi-line data joined with '\n', an empty payload not dispatched, as the
 * SSE spec says). Comments and other fields are ignored. Payloads are handed over as raw bytes in
 * a buffer the parser reuses, so a multi-byte character split across network reads survives and a
 * stream of thousands of chunks allocates nothing per chunk.
 */
final class SseParser {

    /** Receives one event's data; {@code bytes} is only valid during the call. */
    @FunctionalInterface
    interface DataHandler {
        void onData(byte[] bytes, int length);
    }

    private static final byte[] DATA_FIELD = {'d', 'a', 't', 'a', ':'};

    private final DataHandler onData;
    private byte[] line = new byte[512];
    private int lineLength;
    private byte[] data = new byte[512];
    private int dataLength;
    private boolean hasData;

    SseParser(DataHandler onData) {
        this.onData = onData;
    }

    /** Reads the buffer's readable bytes without consuming them: the caller still owns and releases it. */
    void feed(ByteBuf buffer) {
        int from = buffer.readerIndex();
        int to = buffer.writerIndex();
        while (from < to) {
            int newline = buffer.indexOf(from, to, (byte) '\n');
            int end = newline < 0 ? to : newline;
            int n = end - from;
            ensureLine(n);
            buffer.getBytes(from, line, lineLength, n);
            lineLength += n;
            from = end;
            if (newline >= 0) {
                from++;
                endLine();
            }
        }
    }

    /** End of stream: a last event without its blank line still counts. */
    void finish() {
        if (lineLength > 0) endLine();
        dispatch();
    }

    private void ensureLine(int more) {
        if (lineLength + more > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + more));
    }

    private void endLine() {
        int end = lineLength;
        lineLength = 0;
        if (end > 0 && line[end - 1] == '\r') end--;
        if (end == 0) {
            dispatch();
        } else if (end >= DATA_FIELD.length && Arrays.equals(line, 0, DATA_FIELD.length, DATA_FIELD, 0, DATA_FIELD.length)) {
            int from = end > DATA_FIELD.length && line[DATA_FIELD.length] == ' ' ? DATA_FIELD.length + 1 : DATA_FIELD.length;
            appendData(from, end);
        }
    }

    private void appendData(int from, int end) {
        int n = end - from + (hasData ? 1 : 0);
        if (dataLength + n > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + n));
        if (hasData) data[dataLength++] = '\n';
        System.arraycopy(line, from, data, dataLength, end - from);
        dataLength += end - from;
        hasData = true;
    }

    private void dispatch() {
        boolean any = hasData && dataLength > 0;
        int length = dataLength;
        hasData = false;
        dataLength = 0;
        if (any) onData.onData(data, length);
    }
}
