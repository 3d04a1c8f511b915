package io.llmload.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkReaderTest {

    private final ChunkReader reader = new ChunkReader();
    private final StringBuilder text = new StringBuilder();

    private void read(String json, boolean chat, boolean wantId) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        reader.read(bytes, bytes.length, chat, wantId, text);
    }

    @Test
    void vllmChatChunkGivesContentIdAndNoUsage() throws IOException {
        read("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" Hé\\\"llo\"},\"logprobs\":null,\"finish_reason\":null}]}", true, true);
        assertThat(text).hasToString(" Hé\"llo");
        assertThat(reader.contentChars).isEqualTo(7);
        assertThat(reader.id).isEqualTo("chatcmpl-1");
        assertThat(reader.finishReason).isNull();
        assertThat(reader.completionTokens).isEqualTo(-1);
        assertThat(reader.error).isFalse();
    }

    @Test
    void reasoningContentCountsAsContentAndTheIdIsSkippedWhenNotWanted() throws IOException {
        read("{\"id\":\"x\",\"choices\":[{\"delta\":{\"reasoning_content\":\"think\",\"content\":null}}]}", true, false);
        assertThat(text).hasToString("think");
        assertThat(reader.id).isNull();
    }

    @Test
    void usageInTheLastContentChunkWithFinishReason() throws IOException {
        read("{\"choices\":[{\"index\":0,\"text\":\"end\",\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":1100,\"completion_tokens\":200,\"total_tokens\":1300,\"prompt_tokens_details\":null}}", false, false);
        assertThat(text).hasToString("end");
        assertThat(reader.finishReason).isEqualTo("length");
        assertThat(reader.promptTokens).isEqualTo(1100);
        assertThat(reader.completionTokens).isEqualTo(200);
    }

    @Test
    void usageChunkWithEmptyChoicesHasNoContent() throws IOException {
        read("{\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7}}", true, false);
        assertThat(reader.contentChars).isZero();
        assertThat(reader.completionTokens).isEqualTo(7);
        assertThat(reader.promptTokens).isEqualTo(5);
    }

    @Test
    void onlyTheFirstChoiceIsReadAndUnknownMembersAreSkipped() throws IOException {
        read("{\"extra\":{\"nested\":[1,{\"content\":\"no\"}]},\"choices\":[{\"delta\":{\"content\":\"a\",\"tool_calls\":[{\"x\":1}]}},"
                + "{\"delta\":{\"content\":\"b\"}}],\"usage\":{\"completion_tokens\":3}}", true, false);
        assertThat(text).hasToString("a");
        assertThat(reader.completionTokens).isEqualTo(3);
    }

    @Test
    void anErrorMemberMarksAnErrorEventAndANullOneDoesNot() throws IOException {
        read("{\"error\":{\"message\":\"overloaded\",\"code\":503}}", true, false);
        assertThat(reader.error).isTrue();
        read("{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}", true, false);
        assertThat(reader.error).isFalse();
        assertThat(text).hasToString("ok");
    }

    @Test
    void malformedJsonThrows() {
        assertThatThrownBy(() -> read("{\"choices\":[{\"delta\":", true, false)).isInstanceOf(IOException.class);
    }
}
