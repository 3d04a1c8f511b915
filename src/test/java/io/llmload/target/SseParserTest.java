package io.llmload.target;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    private static List<String> parse(String... chunks) {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser((bytes, n) -> events.add(new String(bytes, 0, n, StandardCharsets.UTF_8)));
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
        SseParser parser = new SseParser((b, n) -> events.add(new String(b, 0, n, StandardCharsets.UTF_8)));
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
            SseParser parser = new SseParser((b, n) -> events.add(new String(b, 0, n, StandardCharsets.UTF_8)));
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
}
