package io.llmload.prompts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.config.ConfigError;
import io.llmload.config.InjectorSettings;
import io.llmload.config.NewsSettings;
import io.llmload.tokenizer.TokenCounter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds news-categorisation prompts: the fixed categories definition (a shared prefix the server
 * can cache), N news items from the feeder, then the instructions. Items are drawn from a
 * shuffled deck so consecutive prompts differ and every item is used before any repeats.
 */
public final class NewsPrompts {

    public static final String PROMPT_ATTRIBUTE = "prompt";
    private static final long SHUFFLE_SEED = 7;

    private final String categories;
    private final String instructions;
    private final List<NewsItem> items;
    private final int itemsPerPrompt;
    /** > 0: prompts grow, item after item, to about this many tokens (the long-context mode). */
    private final int contextTokens;
    private final Map<NewsItem, Integer> itemTokens = new ConcurrentHashMap<>();
    private final TokenCounter tokens = TokenCounter.cl100k();
    private List<NewsItem> deck;
    private long deckPass;
    private long drawn;

    public record NewsItem(String id, String topic, String headline, String body) {
    }

    NewsPrompts(String categories, String instructions, List<NewsItem> items, int itemsPerPrompt) {
        this(categories, instructions, items, itemsPerPrompt, 0);
    }

    private NewsPrompts(String categories, String instructions, List<NewsItem> items, int itemsPerPrompt, int contextTokens) {
        this.contextTokens = contextTokens;
        this.categories = categories.strip();
        this.instructions = instructions.strip();
        this.items = items;
        this.itemsPerPrompt = itemsPerPrompt;
        this.deck = shuffled(0);
    }

    public static NewsPrompts load(NewsSettings news) {
        String categories = FeederFiles.read("news.feeder.categories", news.categoriesFile());
        String instructions = FeederFiles.read("news.feeder.instructions", news.instructionsFile());
        List<NewsItem> items = parseItems(news.itemsFile(), FeederFiles.read("news.feeder.items", news.itemsFile()));
        if (items.size() < news.itemsPerPrompt()) {
            throw new ConfigError("news.feeder.items: '" + news.itemsFile() + "' has " + items.size()
                    + " items, fewer than news.items-per-prompt = " + news.itemsPerPrompt());
        }
        return new NewsPrompts(categories, instructions, items, news.itemsPerPrompt());
    }

    static List<NewsItem> parseItems(String file, String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigError("news.feeder.items: '" + file + "' line " + e.getLocation().getLineNr()
                    + ": invalid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isArray()) throw new ConfigError("news.feeder.items: '" + file + "' must be a JSON array of items");
        List<NewsItem> items = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            for (String field : List.of("id", "topic", "headline", "body")) {
                if (!item.path(field).isTextual() || item.path(field).asText().isBlank()) {
                    throw new ConfigError("news.feeder.items: '" + file + "' item " + (i + 1) + " has no text field '" + field + "'");
                }
            }
            items.add(new NewsItem(item.get("id").asText(), item.get("topic").asText(), item.get("headline").asText(), item.get("body").asText()));
        }
        return items;
    }

    /**
     * The same prompts grown to about {@code tokens} tokens each (cl100k): news items are added until
     * the prompt holds that many, so a capacity search can be made at the capacity plan's 12K or 16K
     * context. 0 = the workload's own prompt ({@code news.items-per-prompt} items).
     */
    public NewsPrompts withContextTokens(int tokens) {
        return new NewsPrompts(categories, instructions, items, itemsPerPrompt, tokens);
    }

    /** The next prompt; thread-safe. Each pass over the items uses a new (seeded) order. */
    public String next() {
        return next(InjectorSettings.SINGLE);
    }

    /** The next prompt of this injector's slice of the deck: of every {@code count} items drawn, the one at its index. */
    public String next(InjectorSettings injector) {
        StringBuilder prompt = new StringBuilder(categories.length() + instructions.length() + 4096);
        prompt.append(categories).append("\n\n");
        int count = contextTokens > 0 ? tokens.count(categories) + tokens.count(instructions) : 0;
        for (int i = 0; contextTokens > 0 ? count < contextTokens : i < itemsPerPrompt; i++) {
            NewsItem item = draw(injector);
            String text = "Item " + (i + 1) + ": " + item.headline() + "\n" + item.body() + "\n\n";
            prompt.append(text);
            if (contextTokens > 0) count += itemTokens.computeIfAbsent(item, it -> tokens.count(text));
        }
        return prompt.append(instructions).toString();
    }

    private synchronized NewsItem draw(InjectorSettings injector) {
        long position = drawn++ * injector.count() + injector.index();
        long pass = position / items.size();
        if (pass != deckPass) {
            deck = shuffled(pass);
            deckPass = pass;
        }
        return deck.get((int) (position % items.size()));
    }

    private List<NewsItem> shuffled(long seedOffset) {
        List<NewsItem> out = new ArrayList<>(items);
        Collections.shuffle(out, new Random(SHUFFLE_SEED + seedOffset));
        return out;
    }

    /** A Gatling feeder: an endless sequence of {prompt}. */
    public Iterator<Map<String, Object>> feeder() {
        return feeder(InjectorSettings.SINGLE);
    }

    /** The feeder of this injector: prompts made of its slice of the deck, disjoint from the other injectors'. */
    public Iterator<Map<String, Object>> feeder(InjectorSettings injector) {
        return EndlessFeeder.of(n -> Map.of(PROMPT_ATTRIBUTE, next(injector)));
    }
}
