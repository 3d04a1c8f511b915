package io.llmload.client.openai;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompletionDecoderTest {

    private static int event(CompletionDecoder decoder, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return decoder.event(bytes, bytes.length);
    }

    @Test
    void vllmChatChunkGivesContentIdAndNoUsage() throws IOException {
        CompletionDecoder chat = new CompletionDecoder(true);
        int chars = event(chat, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" Hé\\\"llo\"},\"logprobs\":null,\"finish_reason\":null}]}");
        assertThat(chat.text()).isEqualTo(" Hé\"llo");
        assertThat(chars).isEqualTo(7);
        assertThat(chat.id()).isEqualTo("chatcmpl-1");
        assertThat(chat.finishReason()).isNull();
        assertThat(chat.completionTokens()).isEqualTo(-1);
        assertThat(chat.serverError()).isNull();
    }

    @Test
    void reasoningContentCountsAsContentAndOnlyTheFirstIdIsKept() throws IOException {
        CompletionDecoder chat = new CompletionDecoder(true);
        event(chat, "{\"id\":\"first\",\"choices\":[{\"delta\":{\"reasoning_content\":\"think\",\"content\":null}}]}");
        event(chat, "{\"id\":\"second\",\"choices\":[{\"delta\":{\"reasoning\":\" more\"}}]}");
        assertThat(chat.text()).isEqualTo("think more");
        assertThat(chat.id()).isEqualTo("first");
    }

    @Test
    void aReasoningModelsThinkingIsToldApartFromItsAnswerAndItsReasoningTokensAreRead() throws IOException {
        CompletionDecoder chat = new CompletionDecoder(true);
        assertThat(event(chat, "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}")).isZero();
        assertThat(event(chat, "{\"choices\":[{\"delta\":{\"reasoning_content\":\"Let me\"}}]}")).isEqualTo(6);
        assertThat(chat.lastEventReasoningChars()).isEqualTo(6);
        assertThat(event(chat, "{\"choices\":[{\"delta\":{\"reasoning\":\" think.\"}}]}")).isEqualTo(7);
        assertThat(chat.lastEventReasoningChars()).isEqualTo(7);
        assertThat(event(chat, "{\"choices\":[{\"delta\":{\"content\":\"[1]\"}}]}")).isEqualTo(3);
        assertThat(chat.lastEventReasoningChars()).isZero();
        event(chat, "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":4,\"audio_tokens\":0}}}");
        assertThat(chat.text()).isEqualTo("Let me think.[1]");
        assertThat(chat.answerText()).isEqualTo("[1]");
        assertThat(chat.reasoningTokens()).isEqualTo(4);
        assertThat(chat.completionTokens()).isEqualTo(9);

        CompletionDecoder body = new CompletionDecoder(true);
        byte[] json = ("{\"choices\":[{\"message\":{\"content\":\"[2]\",\"reasoning\":\"Hmm.\"}}],"
                + "\"usage\":{\"completion_tokens\":5,\"completion_tokens_details\":{\"reasoning_tokens\":2}}}").getBytes(StandardCharsets.UTF_8);
        assertThat(body.body(json, json.length)).isEqualTo(7);
        assertThat(body.answerText()).isEqualTo("[2]");
        assertThat(body.text()).isEqualTo("Hmm.[2]");
        assertThat(body.reasoningTokens()).isEqualTo(2);
        assertThat(new CompletionDecoder(true).reasoningTokens()).isEqualTo(-1);
    }

    @Test
    void usageInTheLastContentChunkWithFinishReason() throws IOException {
        CompletionDecoder completions = new CompletionDecoder(false);
        event(completions, "{\"choices\":[{\"index\":0,\"text\":\"end\",\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":1100,\"completion_tokens\":200,\"total_tokens\":1300,\"prompt_tokens_details\":null}}");
        assertThat(completions.text()).isEqualTo("end");
        assertThat(completions.finishReason()).isEqualTo("length");
        assertThat(completions.promptTokens()).isEqualTo(1100);
        assertThat(completions.completionTokens()).isEqualTo(200);
    }

    @Test
    void usageChunkWithEmptyChoicesHasNoContent() throws IOException {
        CompletionDecoder chat = new CompletionDecoder(true);
        assertThat(event(chat, "{\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7}}")).isZero();
        assertThat(chat.completionTokens()).isEqualTo(7);
        assertThat(chat.promptTokens()).isEqualTo(5);
    }

    @Test
    void onlyTheFirstChoiceIsReadAndUnknownMembersAreSkipped() throws IOException {
        CompletionDecoder chat = new CompletionDecoder(true);
        event(chat, "{\"extra\":{\"nested\":[1,{\"content\":\"no\"}]},\"choices\":[{\"delta\":{\"content\":\"a\",\"tool_calls\":[{\"x\":1}]}},"
                + "{\"delta\":{\"content\":\"b\"}}],\"usage\":{\"completion_tokens\":3}}");
        assertThat(chat.text()).isEqualTo("a");
        assertThat(chat.completionTokens()).isEqualTo(3);
    }

    @Test
    void anErrorMemberIsTheServersErrorAndANullOneIsNot() throws IOException {
        CompletionDecoder fine = new CompletionDecoder(true);
        event(fine, "{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}");
        assertThat(fine.serverError()).isNull();
        assertThat(fine.text()).isEqualTo("ok");
        CompletionDecoder failing = new CompletionDecoder(true);
        event(failing, "{\"error\":{\"message\":\"overloaded\",\"code\":503}}");
        assertThat(failing.serverError()).isEqualTo("overloaded");
    }

    @Test
    void aWholeBodyGivesTextUsageAndId() throws IOException {
        CompletionDecoder chat = new CompletionDecoder(true);
        byte[] body = ("{\"id\":\"c-9\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1}}").getBytes(StandardCharsets.UTF_8);
        assertThat(chat.body(body, body.length)).isEqualTo(2);
        assertThat(chat.text()).isEqualTo("hi");
        assertThat(chat.id()).isEqualTo("c-9");
        assertThat(chat.promptTokens()).isEqualTo(4);
        assertThat(chat.completionTokens()).isEqualTo(1);
    }

    @Test
    void malformedJsonThrows() {
        assertThatThrownBy(() -> event(new CompletionDecoder(true), "{\"choices\":[{\"delta\":")).isInstanceOf(IOException.class);
    }

    @Test
    void streamedToolCallsAreAssembledByIndexAsVllmSendsThem() throws IOException {
        CompletionDecoder chat = new CompletionDecoder(true);
        assertThat(event(chat, "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null}}]}")).isZero();
        // vLLM's first delta of a call: its id and name, empty arguments; then the arguments in pieces
        assertThat(event(chat, "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}")).isEqualTo(11);
        assertThat(chat.lastEventToolCallChars()).isEqualTo(11);
        event(chat, "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\": \"}}]}}]}");
        event(chat, "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}}]}");
        // a second call in the same answer, and an index that skips ahead (not a call: ignored)
        event(chat, "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
                + "{\"index\":9,\"function\":{\"arguments\":\"x\"}}]},\"finish_reason\":\"tool_calls\"}]}");
        assertThat(chat.toolCalls()).containsExactly(new CompletionDecoder.ToolCall("call_1", "get_weather", "{\"city\": \"Paris\"}"),
                new CompletionDecoder.ToolCall("call_2", "f", "{}"));
        assertThat(chat.finishReason()).isEqualTo("tool_calls");
        assertThat(chat.answerText()).isEmpty();
        assertThat(chat.text()).as("what the output tokens count: the arguments").contains("\"Paris\"");

        CompletionDecoder body = new CompletionDecoder(true);
        byte[] json = ("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
                + "\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"a\\\":1}\"}}]},\"finish_reason\":\"tool_calls\"}]}").getBytes(StandardCharsets.UTF_8);
        assertThat(body.body(json, json.length)).as("a call is content: not an empty answer").isPositive();
        assertThat(body.toolCalls()).containsExactly(new CompletionDecoder.ToolCall("c", "g", "{\"a\":1}"));
    }
}
