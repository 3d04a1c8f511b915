package io.llmload.target;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    private static List<String> parse(String... chunks) {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        for (String chunk : chunks) parser.feed(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
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
        SseParser parser = new SseParser(events::add);
        parser.feed(ByteBuffer.wrap(bytes, 0, 9));
        parser.feed(ByteBuffer.wrap(bytes, 9, bytes.length - 9));
        assertThat(events).containsExactly("café");
    }
}
