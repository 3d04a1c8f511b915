package io.llmload.client;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    private static final int LIMIT = 64;

    private static List<String> parse(String... chunks) {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser((bytes, n, error) -> events.add((error ? "ERROR " : "") + new String(bytes, 0, n, StandardCharsets.UTF_8)), LIMIT);
        for (String chunk : chunks) parser.feed(Unpooled.wrappedBuffer(chunk.getBytes(StandardCharsets.UTF_8)));
        parser.finish();
        return events;
    }

    @Test
    void eventsSplitAnywhereAreReassembled() {
        assertThat(parse("data: {\"a\"", ":1}\n", "\ndata: [DO", "NE]\n\n")).containsExactly("{\"a\":1}", "[DONE]");
    }

    @Test
    void crlfCommentsAndOtherFieldsAreHandled() {
        assertThat(parse(": keep-alive\r\n\r\nevent: message\r\ndata:{\"x\":2}\r\n\r\n")).containsExactly("{\"x\":2}");
    }

    @Test
    void multiLineDataIsJoinedAndALastEventWithoutBlankLineCounts() {
        assertThat(parse("data: one\ndata: two\n\ndata: last")).containsExactly("one\ntwo", "last");
    }

    @Test
    void multiByteCharactersSplitAcrossChunksSurvive() {
        byte[] bytes = "data: café\n\n".getBytes(StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser((b, n, error) -> events.add(new String(b, 0, n, StandardCharsets.UTF_8)), LIMIT);
        parser.feed(Unpooled.wrappedBuffer(bytes, 0, 9));
        parser.feed(Unpooled.wrappedBuffer(bytes, 9, bytes.length - 9));
        assertThat(events).containsExactly("café");
    }

    @Test
    void buffersSplitAnywhereGiveTheSameEvents() {
        String stream = "data: {\"a\":1}\r\n\r\n: ping\n\ndata: x\ndata: y\n\ndata: café\n\ndata: [DONE]\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < bytes.length; split++) {
            List<String> events = new ArrayList<>();
            SseParser parser = new SseParser((b, n, error) -> events.add(new String(b, 0, n, StandardCharsets.UTF_8)), LIMIT);
            parser.feed(Unpooled.wrappedBuffer(bytes, 0, split));
            parser.feed(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            parser.finish();
            assertThat(events).as("split at %d", split).containsExactly("{\"a\":1}", "x\ny", "café", "[DONE]");
        }
    }

    @Test
    void anEmptyDataFieldDispatchesNothing() {
        assertThat(parse("data:\n\ndata: after\n\n")).containsExactly("after");
    }

    @Test
    void anErrorFieldAndAnErrorEventAreDispatchedAsErrors() {
        // llama.cpp's server after a 200: an "error:" line, then [DONE]
        assertThat(parse("error: {\"code\":400,\"message\":\"too long\"}\n\ndata: [DONE]\n\n"))
                .containsExactly("ERROR {\"code\":400,\"message\":\"too long\"}", "[DONE]");
        assertThat(parse("event: error\ndata: {\"message\":\"boom\"}\n\nevent:message\ndata: ok\n\n"))
                .containsExactly("ERROR {\"message\":\"boom\"}", "ok");
    }

    @Test
    void aLineLongerThanTheLimitStopsTheParserAndKeepsNothing() {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser((b, n, error) -> events.add(new String(b, 0, n, StandardCharsets.UTF_8)), LIMIT);
        parser.feed(Unpooled.wrappedBuffer("data: short\n\n".getBytes(StandardCharsets.UTF_8)));
        byte[] endless = new byte[LIMIT / 2];
        Arrays.fill(endless, (byte) 'x');
        parser.feed(Unpooled.wrappedBuffer("data: ".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 10 && !parser.overflowed(); i++) parser.feed(Unpooled.wrappedBuffer(endless));
        assertThat(parser.overflowed()).isTrue();
        parser.feed(Unpooled.wrappedBuffer("\n\ndata: after\n\n".getBytes(StandardCharsets.UTF_8)));
        parser.finish();
        assertThat(events).containsExactly("short");
    }

    @Test
    void anEventWhoseDataLinesAddUpPastTheLimitOverflows() {
        String line = "data: " + "y".repeat(LIMIT / 2) + "\n";
        List<String> events = parse(line, line, line, "\n");
        assertThat(events).isEmpty();
    }
}
