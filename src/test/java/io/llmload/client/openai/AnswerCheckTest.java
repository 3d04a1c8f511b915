package io.llmload.client.openai;

import io.llmload.client.Failures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerCheckTest {

    private final AnswerCheck json = AnswerCheck.jsonArray();

    @Test
    void acceptsAJsonArrayEvenInsideAFence() {
        assertThat(json.problem("[{\"item\": 1, \"category\": \"Sports\"}]")).isNull();
        assertThat(json.problem("```json\n[{\"item\": 1}]\n```")).isNull();
    }

    @Test
    void rejectsTruncatedProseAndEmptyAnswers() {
        assertThat(json.problem("[{\"item\": 1, \"category\": \"Spo")).isEqualTo(Failures.INVALID_JSON_ANSWER);
        assertThat(json.problem("The first item is about sports.")).isEqualTo(Failures.INVALID_JSON_ANSWER);
        assertThat(json.problem("[]")).isEqualTo(Failures.INVALID_JSON_ANSWER);
        assertThat(json.problem("  ")).isEqualTo(Failures.EMPTY_ANSWER);
    }
}
