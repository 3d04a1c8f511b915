package io.llmload.client.runpod;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.metrics.FailureKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobStatusTest {

    private static JobStatus parse(String json) throws Exception {
        return JobStatus.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void readsACompletedVllmWorkerJob() throws Exception {
        JobStatus s = parse("""
                {"delayTime":3949,"executionTime":2810,"id":"sync-1","status":"COMPLETED","workerId":"w1",
                 "output":[{"choices":[{"tokens":["Start by shadowing a PM."]}],"usage":{"input":14,"output":7}}]}""");
        assertThat(s.completed()).isTrue();
        assertThat(s.delayTimeMillis()).isEqualTo(3949);
        assertThat(s.executionTimeMillis()).isEqualTo(2810);
        assertThat(s.usageOutputTokens()).isEqualTo(7);
        assertThat(s.usagePromptTokens()).isEqualTo(14);
        assertThat(s.outputText()).isEqualTo("Start by shadowing a PM.");
    }

    @Test
    void readsOpenAiStyleUsageAndAPlainStringOutput() throws Exception {
        JobStatus s = parse("""
                {"id":"a","status":"COMPLETED","output":{"text":"Hi","usage":{"prompt_tokens":3,"completion_tokens":1}}}""");
        assertThat(s.usageOutputTokens()).isEqualTo(1);
        assertThat(s.usagePromptTokens()).isEqualTo(3);
        JobStatus plain = parse("{\"id\":\"b\",\"status\":\"COMPLETED\",\"output\":\"just text\"}");
        assertThat(plain.usageOutputTokens()).isEqualTo(-1);
        assertThat(plain.outputText()).isEqualTo("just text");
    }

    @Test
    void pendingAndTerminalStatusesAreTold() throws Exception {
        assertThat(parse("{\"id\":\"x\",\"status\":\"IN_QUEUE\"}").pending()).isTrue();
        assertThat(parse("{\"id\":\"x\",\"status\":\"IN_PROGRESS\",\"delayTime\":12}").pending()).isTrue();
        assertThat(JobFailures.job(parse("{\"id\":\"x\",\"status\":\"CANCELLED\"}")).reason()).isEqualTo("job CANCELLED");
        assertThat(JobFailures.job(parse("{\"id\":\"x\",\"status\":\"FAILED\",\"error\":\"CUDA out of memory\"}")).reason())
                .isEqualTo("job FAILED: CUDA out of memory");
        assertThat(JobFailures.job(parse("{\"id\":\"x\",\"status\":\"TIMED_OUT\"}")).reason()).isEqualTo("job TIMED_OUT");
        assertThat(JobFailures.job(parse("{\"id\":\"x\",\"status\":\"WEIRD\"}")).reason()).isEqualTo("job status 'WEIRD'");
    }

    @Test
    void httpFailuresNameTheirKindAndKeepTheErrorText() throws Exception {
        assertThat(JobFailures.http(401, "").reason()).isEqualTo("HTTP 401 unauthorized");
        assertThat(JobFailures.http(429, "{\"error\":\"too many requests\"}").reason()).isEqualTo("HTTP 429 rate limited: too many requests");
        assertThat(JobFailures.http(502, "<html>Bad gateway</html>").reason()).isEqualTo("HTTP 502 server error: HTML page: Bad gateway");
        assertThat(JobFailures.http(404, "{\"error\":\"endpoint not found\"}").reason()).isEqualTo("HTTP 404: endpoint not found");
        assertThat(JobFailures.http(404, "").kind()).isEqualTo(FailureKind.HTTP_STATUS);
        assertThat(JobFailures.job(parse("{\"id\":\"x\",\"status\":\"FAILED\"}")).kind()).isEqualTo(FailureKind.SERVER_ERROR_EVENT);
        assertThat(JobFailures.job(parse("{\"id\":\"x\",\"status\":\"WEIRD\"}")).kind()).isEqualTo(FailureKind.PROTOCOL_VIOLATION);
    }

    @Test
    void theInputTemplateTakesThePromptAsAJsonString() throws Exception {
        String body = Job.body("{\"prompt\":\"{{prompt}}\",\"sampling_params\":{\"max_tokens\":256}}", "Say \"hi\"\nthen stop");
        var json = new ObjectMapper().readTree(body);
        assertThat(json.at("/input/prompt").asText()).isEqualTo("Say \"hi\"\nthen stop");
        assertThat(json.at("/input/sampling_params/max_tokens").asInt()).isEqualTo(256);
    }
}
