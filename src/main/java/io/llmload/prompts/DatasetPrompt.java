package io.llmload.prompts;

import io.llmload.client.openai.ChatMessage;

import java.util.List;

/**
 * One prompt of a dataset: the messages sent (a single user message for a plain prompt), the output
 * length asked for (0: the workload's {@code max-tokens}) and the prompt's tokens as the tokenizer counts them.
 */
public record DatasetPrompt(List<ChatMessage> messages, int outputTokens, int promptTokens) {

    /** The prompt as one text: the messages' contents, one a line (the completions API's prompt). */
    public String text() {
        if (messages.size() == 1) return messages.get(0).content();
        StringBuilder out = new StringBuilder();
        for (ChatMessage m : messages) out.append(out.length() == 0 ? "" : "\n").append(m.content());
        return out.toString();
    }
}
