package io.llmload.emulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the emulated model's answer, deterministically for a given prompt and seed.
 * A prompt that asks for JSON gets a JSON array with one object per numbered item in the prompt,
 * categories taken from the prompt's "- Name:" list; any other prompt gets prose.
 */
public final class AnswerWriter {

    private static final Pattern ITEM = Pattern.compile("(?im)^\\s*(?:#+\\s*)?(?:news\\s+)?item\\s*\\d+");
    private static final Pattern CATEGORY = Pattern.compile("(?m)^\\s*[-*]\\s*([A-Z][A-Za-z&/ ]{1,40}?)\\s*:");
    private static final List<String> FALLBACK_CATEGORIES = List.of("General", "Other");
    private static final String[] WORDS = (
            "the market report shows a clear shift in how people and companies plan for the year ahead while "
            + "officials said new data would be released next week as part of a wider review of policy and "
            + "spending that has drawn attention from analysts across the region because prices rose again "
            + "after several months of slow growth in demand for energy food and housing services with most "
            + "experts expecting further change once the results are known in the coming days")
            .split(" ");

    private final long seed;

    public AnswerWriter(long seed) {
        this.seed = seed;
    }

    public Random randomFor(String prompt) {
        return new Random(seed * 31 + prompt.hashCode());
    }

    public String answer(String prompt, int targetTokens, Random random) {
        return prompt.contains("JSON") ? jsonAnswer(prompt, targetTokens, random) : prose(targetTokens, random);
    }

    /** Prose of roughly {@code tokens} tokens (common words are one token each). */
    public String prose(int tokens, Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            out.append(i == 0 ? capitalise(word) : " " + word);
        }
        return out.append('.').toString();
    }

    private String jsonAnswer(String prompt, int targetTokens, Random random) {
        int items = Math.max(1, Math.min(20, count(ITEM.matcher(prompt))));
        List<String> categories = categories(prompt);
        // the fixed JSON scaffolding costs about 22 tokens an item; the rest goes to rationales
        int rationaleWords = Math.max(3, (targetTokens - 22 * items) / items);
        StringBuilder out = new StringBuilder("[");
        for (int i = 1; i <= items; i++) {
            if (i > 1) out.append(", ");
            String category = categories.get(random.nextInt(categories.size()));
            double confidence = 0.55 + random.nextInt(45) / 100.0;
            out.append("{\"item\": ").append(i)
               .append(", \"category\": \"").append(category)
               .append("\", \"confidence\": ").append(String.format(Locale.ROOT, "%.2f", confidence))
               .append(", \"rationale\": \"").append(prose(rationaleWords, random)).append("\"}");
        }
        return out.append(']').toString();
    }

    private static List<String> categories(String prompt) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = CATEGORY.matcher(prompt);
        while (m.find()) found.add(m.group(1).trim());
        return found.isEmpty() ? FALLBACK_CATEGORIES : new ArrayList<>(found);
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
