package io.llmload.client;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * Incremental Server-Sent Events parser: bytes in any chunking, {@code data:} payloads out, one
 * event per blank line (multi-line data joined with '\n', an empty payload not dispatched, as the
 * SSE spec says). Payloads are handed over as raw bytes in a buffer the parser reuses, so a
 * multi-byte character split across network reads survives and a stream of thousands of chunks
 * allocates nothing per chunk.
 *
 * <p>Errors a server reports inside the stream are dispatched as errors: an event of type
 * {@code error} (OpenAI-style {@code event: error}) and an {@code error:} field line, which
 * llama.cpp's server sends after a 200 ({@code error: {"code":400,"message":...}}). Other fields
 * and comments are ignored.
 *
 * <p>Reading is bounded: a line or an event's data longer than {@code maxEventBytes} stops the
 * parser ({@link #overflowed()}), and it buffers nothing more.
 */
final class SseParser {

    /** Receives one event's data; {@code bytes} is only valid during the call. */
    @FunctionalInterface
    interface DataHandler {
        void onData(byte[] bytes, int length, boolean error);
    }

    private static final byte[] DATA_FIELD = {'d', 'a', 't', 'a', ':'};
    private static final byte[] ERROR_FIELD = {'e', 'r', 'r', 'o', 'r', ':'};
    private static final byte[] EVENT_FIELD = {'e', 'v', 'e', 'n', 't', ':'};
    private static final byte[] ERROR_TYPE = {'e', 'r', 'r', 'o', 'r'};
    private static final int INITIAL_BUFFER = 512;

    private final DataHandler onData;
    private final int maxEventBytes;
    private byte[] line = new byte[INITIAL_BUFFER];
    private int lineLength;
    private byte[] data = new byte[INITIAL_BUFFER];
    private int dataLength;
    private boolean hasData;
    private boolean errorEvent;
    private boolean overflowed;

    SseParser(DataHandler onData, int maxEventBytes) {
        this.onData = onData;
        this.maxEventBytes = maxEventBytes;
    }

    /** Reads the buffer's readable bytes without consuming them: the caller still owns and releases it. */
    void feed(ByteBuf buffer) {
        int from = buffer.readerIndex();
        int to = buffer.writerIndex();
        while (from < to && !overflowed) {
            int newline = buffer.indexOf(from, to, (byte) '\n');
            int end = newline < 0 ? to : newline;
            int n = end - from;
            if ((long) lineLength + n > maxEventBytes) {
                overflow();
                return;
            }
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
        if (overflowed) return;
        if (lineLength > 0) endLine();
        dispatch();
    }

    /** A line or an event was longer than the limit: the stream must be abandoned. */
    boolean overflowed() {
        return overflowed;
    }

    private void overflow() {
        overflowed = true;
        // let the buffers go: an abandoned stream keeps nothing of what it was sent
        line = new byte[0];
        data = new byte[0];
        lineLength = 0;
        dataLength = 0;
        hasData = false;
    }

    private void ensureLine(int more) {
        if (lineLength + more > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxEventBytes, Math.max((long) line.length * 2, lineLength + more)));
        }
    }

    private void endLine() {
        int end = lineLength;
        lineLength = 0;
        if (end > 0 && line[end - 1] == '\r') end--;
        if (end == 0) {
            dispatch();
        } else if (startsWith(end, DATA_FIELD)) {
            appendData(valueStart(end, DATA_FIELD.length), end);
        } else if (startsWith(end, ERROR_FIELD)) {
            int from = valueStart(end, ERROR_FIELD.length);
            System.arraycopy(line, from, line, 0, end - from);
            onData.onData(line, end - from, true);
        } else if (startsWith(end, EVENT_FIELD)) {
            int from = valueStart(end, EVENT_FIELD.length);
            errorEvent = Arrays.equals(line, from, end, ERROR_TYPE, 0, ERROR_TYPE.length);
        }
    }

    private boolean startsWith(int end, byte[] field) {
        return end >= field.length && Arrays.equals(line, 0, field.length, field, 0, field.length);
    }

    private int valueStart(int end, int fieldLength) {
        return end > fieldLength && line[fieldLength] == ' ' ? fieldLength + 1 : fieldLength;
    }

    private void appendData(int from, int end) {
        int n = end - from + (hasData ? 1 : 0);
        if ((long) dataLength + n > maxEventBytes) {
            overflow();
            return;
        }
        if (dataLength + n > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(maxEventBytes, Math.max((long) data.length * 2, dataLength + n)));
        }
        if (hasData) data[dataLength++] = '\n';
        System.arraycopy(line, from, data, dataLength, end - from);
        dataLength += end - from;
        hasData = true;
    }

    private void dispatch() {
        boolean any = hasData && dataLength > 0;
        boolean error = errorEvent;
        int length = dataLength;
        hasData = false;
        errorEvent = false;
        dataLength = 0;
        if (any) onData.onData(data, length, error);
    }
}
