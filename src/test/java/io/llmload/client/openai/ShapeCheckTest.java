package io.llmload.client.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.metrics.Failure;
import io.llmload.metrics.FailureKind;
import io.llmload.prompts.StructuredOutputFiles;
import io.llmload.config.ConfigError;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An answer's shape against what the request asked: tool calls against the declared parameters, structured output against its schema. */
class ShapeCheckTest {

    private static final StructuredOutput WEATHER = StructuredOutputFiles.read("serving", "tools/weather-tools.json", "auto", "");

    private static CompletionDecoder call(String name, String arguments) throws IOException {
        CompletionDecoder decoder = new CompletionDecoder(true);
        ObjectNode body = new ObjectMapper().createObjectNode();
        ObjectNode function = body.putArray("choices").addObject().putObject("message").putArray("tool_calls").addObject()
                .put("id", "c").put("type", "function").putObject("function");
        function.put("name", name).put("arguments", arguments);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        decoder.body(bytes, bytes.length);
        return decoder;
    }

    private static CompletionDecoder text(String content) throws IOException {
        CompletionDecoder decoder = new CompletionDecoder(true);
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.putArray("choices").addObject().putObject("message").put("content", content);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        decoder.body(bytes, bytes.length);
        return decoder;
    }

    @Test
    void aCallMatchingItsFunctionsParametersPassesAndEachWayOfBreakingItIsANamedKo() throws IOException {
        ShapeCheck check = new ShapeCheck(WEATHER);
        assertThat(check.problem(call("get_weather", "{\"city\": \"Paris\", \"unit\": \"celsius\", \"days\": 3}"))).isNull();
        assertThat(check.problem(call("get_weather", "{\"city\": \"Paris\", \"unit\": \"celsius\""))).isEqualTo(ShapeCheck.ARGUMENTS_NOT_JSON);
        assertThat(check.problem(call("get_weather", "[1]"))).isEqualTo(ShapeCheck.ARGUMENTS_NOT_JSON);
        assertThat(check.problem(call("get_time", "{}"))).isEqualTo(ShapeCheck.UNDECLARED_FUNCTION);
        Failure missing = check.problem(call("get_weather", "{\"city\": \"Paris\"}"));
        assertThat(missing.kind()).isEqualTo(FailureKind.INVALID_TOOL_CALL);
        assertThat(missing.reason()).startsWith("tool call arguments do not match the parameters of 'get_weather': ").contains("unit");
        Failure outOfRange = check.problem(call("get_weather", "{\"city\": \"Paris\", \"unit\": \"kelvin\", \"days\": 30}"));
        assertThat(outOfRange.reason()).startsWith("tool call arguments do not match the parameters of 'get_weather': ");
        assertThat(check.problem(text("It is sunny."))).as("auto: the model may answer in text").isNull();
        ShapeCheck required = new ShapeCheck(StructuredOutputFiles.read("serving", "tools/weather-tools.json", "required", ""));
        assertThat(required.problem(text("It is sunny."))).isEqualTo(ShapeCheck.NO_TOOL_CALL);
    }

    @Test
    void structuredOutputMustBeJsonMatchingTheSchema() throws IOException {
        ShapeCheck check = new ShapeCheck(StructuredOutputFiles.read("serving", "", "auto", "tools/ticket-schema.json"));
        assertThat(check.problem(text("{\"category\": \"outage\", \"priority\": 2, \"summary\": \"API down\"}"))).isNull();
        assertThat(check.problem(text("Sure! Here is the ticket."))).isEqualTo(ShapeCheck.ANSWER_NOT_JSON);
        Failure wrong = check.problem(text("{\"category\": \"weather\", \"priority\": 2, \"summary\": \"x\"}"));
        assertThat(wrong.kind()).isEqualTo(FailureKind.INVALID_ANSWER);
        assertThat(wrong.reason()).startsWith("answer does not match the response_format schema: ").contains("category");
    }

    @Test
    void theRequestBodyCarriesToolsChoiceAndFormatAndABadChoiceIsOneLine() {
        StructuredOutput named = StructuredOutputFiles.read("serving", "tools/weather-tools.json", "create_ticket", "");
        String body = new CompletionCall(io.llmload.config.ApiStyle.CHAT, "m", 50, 0, true, true,
                io.llmload.config.OutputLengthControl.MAX_TOKENS, named).body("Open a ticket");
        assertThat(body).contains("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"",
                "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"create_ticket\"}}");
        assertThat(named.callRequired()).isTrue();
        assertThatThrownBy(() -> StructuredOutputFiles.read("serving", "tools/weather-tools.json", "get_time", ""))
                .isInstanceOf(ConfigError.class)
                .hasMessage("serving.tools.choice: expected auto, required, none or the name of a function in the tools file, got \"get_time\"");
        ArrayNode tools = WEATHER.tools();
        assertThat(tools).hasSize(2);
    }
}
