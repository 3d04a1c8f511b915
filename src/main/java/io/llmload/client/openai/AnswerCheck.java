package io.llmload.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.Failures;
import io.llmload.metrics.Failure;

/** Validates an answer's text; returns null when it is fine, else the KO. */
@FunctionalInterface
public interface AnswerCheck {

    AnswerCheck NONE = text -> null;

    Failure problem(String text);

    /** The answer must contain a JSON array (models often wrap it in prose or a ```json fence). */
    static AnswerCheck jsonArray() {
        ObjectMapper mapper = new ObjectMapper();
        return text -> {
            if (text == null || text.isBlank()) return Failures.EMPTY_ANSWER;
            int start = text.indexOf('[');
            int end = text.lastIndexOf(']');
            if (start < 0 || end < start) return Failures.INVALID_JSON_ANSWER;
            try {
                JsonNode node = mapper.readTree(text.substring(start, end + 1));
                return node.isArray() && !node.isEmpty() ? null : Failures.INVALID_JSON_ANSWER;
            } catch (Exception e) {
                return Failures.INVALID_JSON_ANSWER;
            }
        };
    }
}
