package io.llmload.client.openai;

/** One message of a chat conversation: {@code user} or {@code assistant}, and its text. */
public record ChatMessage(String role, String content) {

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
