package io.llmload.tokenizer;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts and splits text into tokens with a real BPE tokenizer (jtokkit, cl100k_base by default).
 * Shared by the load side (client-side token counts) and the emulator (its "model" tokenizer).
 * Served models use their own tokenizers, so client-side counts of a real endpoint are an
 * approximation; the server's {@code usage} stays the source of truth.
 */
public final class TokenCounter {

    private static final TokenCounter DEFAULT = new TokenCounter(EncodingType.CL100K_BASE);

    private final Encoding encoding;

    public TokenCounter(EncodingType type) {
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(type);
    }

    public static TokenCounter cl100k() {
        return DEFAULT;
    }

    public int count(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    public int[] encode(String text) {
        IntArrayList ids = encoding.encodeOrdinary(text);
        return ids.toArray();
    }

    /** Splits text into per-token pieces whose concatenation is the original text. */
    public List<String> pieces(String text) {
        IntArrayList ids = encoding.encodeOrdinary(text);
        List<String> out = new ArrayList<>(ids.size());
        IntArrayList one = new IntArrayList(1);
        for (int i = 0; i < ids.size(); i++) {
            one.clear();
            one.add(ids.get(i));
            out.add(encoding.decode(one));
        }
        return out;
    }
}
