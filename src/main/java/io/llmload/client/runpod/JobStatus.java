package io.llmload.client.runpod;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One RunPod job response ({@code /run}, {@code /runsync}, {@code /status}): status, the platform's
 * delayTime and executionTime (milliseconds), the error text, and what the handler's output says
 * about tokens. Handlers shape their output freely; a {@code usage} object anywhere in it with
 * {@code output}/{@code completion_tokens} and {@code input}/{@code prompt_tokens} is used, as
 * RunPod's vLLM worker writes it.
 */
public record JobStatus(String id, String status, long delayTimeMillis, long executionTimeMillis, String error,
                        int usageOutputTokens, int usagePromptTokens, String outputText) {

    public static final String COMPLETED = "COMPLETED";
    /** A time the job JSON does not carry. */
    public static final long ABSENT = Long.MIN_VALUE;

    public static JobStatus parse(JsonNode body) {
        JsonNode output = body.path("output");
        JsonNode usage = findUsage(output);
        List<String> texts = new ArrayList<>();
        collectText(output, null, texts);
        return new JobStatus(
                body.path("id").asText(null),
                body.path("status").asText(""),
                millis(body.get("delayTime")),
                millis(body.get("executionTime")),
                errorText(body.path("error")),
                usage == null ? -1 : firstInt(usage, "output", "completion_tokens"),
                usage == null ? -1 : firstInt(usage, "input", "prompt_tokens"),
                String.join("", texts));
    }

    /** A number of milliseconds as sent (negative ones included: they are judged, not hidden), or {@link #ABSENT}. */
    private static long millis(JsonNode value) {
        if (value == null || !value.isNumber()) return ABSENT;
        return value.canConvertToLong() ? value.asLong() : Long.MAX_VALUE;
    }

    public boolean hasDelayTime() {
        return delayTimeMillis != ABSENT;
    }

    public boolean hasExecutionTime() {
        return executionTimeMillis != ABSENT;
    }

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    /** Still waiting or running: poll again. */
    public boolean pending() {
        return "IN_QUEUE".equals(status) || "IN_PROGRESS".equals(status);
    }

    private static String errorText(JsonNode error) {
        if (error.isMissingNode() || error.isNull()) return null;
        return error.isTextual() ? error.asText() : error.toString();
    }

    private static JsonNode findUsage(JsonNode node) {
        if (node.isObject()) {
            JsonNode usage = node.get("usage");
            if (usage != null && usage.isObject()) return usage;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                JsonNode found = findUsage(child);
                if (found != null) return found;
            }
        }
        return null;
    }

    private static int firstInt(JsonNode usage, String... names) {
        for (String name : names) {
            JsonNode count = usage.path(name);
            // a count that cannot be true (fractional, negative, beyond an int) is not taken
            if (count.isIntegralNumber() && count.canConvertToInt() && count.asInt() >= 0) return count.asInt();
        }
        return -1;
    }

    /** Generated text for the client-side token count: strings under tokens, text, content, or a string output. */
    private static void collectText(JsonNode node, String field, List<String> out) {
        if (node.isTextual()) {
            if (field == null || field.equals("tokens") || field.equals("text") || field.equals("content")) out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(child -> collectText(child, field, out));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("usage")) collectText(e.getValue(), e.getKey(), out);
            });
        }
    }
}
