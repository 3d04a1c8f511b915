package io.llmload.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PromptTokenCountsTest {

    private final TokenCounter tokens = TokenCounter.cl100k();

    @Test
    void aRememberedCountIsTheTokenizersForEveryPromptAskedTwice() {
        PromptTokenCounts counts = new PromptTokenCounts(tokens);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 500; i++) {
                String prompt = "Categorise this article, number " + i + ": " + "markets rallied ".repeat(i % 37);
                assertThat(counts.count(prompt)).as(prompt).isEqualTo(tokens.count(prompt));
            }
        }
        assertThat(counts.count("")).isZero();
    }

    @Test
    void promptsThatDifferOnlyInOrderOrLengthGetDifferentFingerprints() {
        Set<Long> seen = new HashSet<>();
        for (String text : new String[] {"ab", "ba", "a", "aa", "aaa", "", "\u0000", "\u0000\u0000", "ab ", " ab"}) {
            assertThat(seen.add(PromptTokenCounts.fingerprint(text))).as(text).isTrue();
        }
    }
}
