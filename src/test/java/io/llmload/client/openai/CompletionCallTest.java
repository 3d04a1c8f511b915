package io.llmload.client.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.config.ApiStyle;
import io.llmload.config.OutputLengthControl;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The request bodies, byte for byte, as vLLM, llama.cpp, TGI and gateways are sent them. */
class CompletionCallTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void completionsBodyCarriesThePromptAndTheUsageRequestOfAStream() {
        CompletionCall call = new CompletionCall(ApiStyle.COMPLETIONS, "m", 100, 0.0, true, true);
        assertThat(call.body("say \"hi\"\n"))
                .isEqualTo("{\"model\":\"m\",\"prompt\":\"say \\\"hi\\\"\\n\",\"max_tokens\":100,\"temperature\":0.0,\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void chatBodyWithLengthControlAndATemperature() {
        CompletionCall ignoreEos = new CompletionCall(ApiStyle.CHAT, "m", 7, 0.7, false, true, OutputLengthControl.IGNORE_EOS);
        assertThat(ignoreEos.body("é ü 漢"))
                .isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"é ü 漢\"}],\"max_tokens\":7,\"ignore_eos\":true,"
                        + "\"temperature\":0.7,\"stream\":false}");
        CompletionCall minTokens = new CompletionCall(ApiStyle.CHAT, "m", 7, 1.25, true, false, OutputLengthControl.MIN_TOKENS);
        assertThat(minTokens.body(List.of(ChatMessage.user("a"), ChatMessage.assistant("b"), ChatMessage.user("c"))))
                .isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"},"
                        + "{\"role\":\"user\",\"content\":\"c\"}],\"max_tokens\":7,\"min_tokens\":7,\"temperature\":1.25,\"stream\":true}");
    }

    @Test
    void visionBodyHasTheTextThenTheImagePart() {
        CompletionCall call = new CompletionCall(ApiStyle.CHAT, "vl", 16, 0.1, false, false);
        assertThat(call.body("what is it?", "data:image/png;base64,AAAA"))
                .isEqualTo("{\"model\":\"vl\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is it?\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]}],\"max_tokens\":16,"
                        + "\"temperature\":0.1,\"stream\":false}");
    }

    @Test
    void structuredOutputGoesToChatBodiesOnly() throws Exception {
        ArrayNode tools = (ArrayNode) JSON.readTree("[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}]");
        ObjectNode format = (ObjectNode) JSON.readTree("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\",\"schema\":{\"type\":\"object\"}}}");
        StructuredOutput structured = new StructuredOutput(tools, JSON.getNodeFactory().textNode("required"), format);
        CompletionCall chat = new CompletionCall(ApiStyle.CHAT, "m", 5, 0.0, false, false, OutputLengthControl.MAX_TOKENS, structured);
        assertThat(chat.body("x")).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":5,"
                + "\"temperature\":0.0,\"stream\":false,\"tools\":" + tools + ",\"tool_choice\":\"required\",\"response_format\":" + format + "}");
        CompletionCall completions = new CompletionCall(ApiStyle.COMPLETIONS, "m", 5, 0.0, false, false, OutputLengthControl.MAX_TOKENS, structured);
        assertThat(completions.body("x")).isEqualTo("{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":5,\"temperature\":0.0,\"stream\":false}");
    }
}
