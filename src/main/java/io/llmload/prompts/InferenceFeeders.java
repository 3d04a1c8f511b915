package io.llmload.prompts;

import io.llmload.config.ConfigError;
import io.llmload.config.InferenceWorkload;
import io.llmload.config.InjectorSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The inference-server feeders: embedding texts (with a share drawn from a small hot set, so
 * repeats reach the server's cache), chat prompts, images as {@code data:} URLs, and audio clips.
 */
public final class InferenceFeeders {

    public static final String TEXTS = "texts";
    public static final String PROMPT = "prompt";
    public static final String IMAGE = "image";
    public static final String CLIP = "clip";
    public static final String CLIP_NAME = "clipName";
    private static final long SEED = 17;

    private final PromptList texts;
    private final PromptList prompts;
    private final List<String> images;
    private final List<byte[]> clips;
    private final List<String> clipNames;
    private final InferenceWorkload workload;

    private InferenceFeeders(InferenceWorkload workload, PromptList texts, PromptList prompts, List<String> images,
                             List<byte[]> clips, List<String> clipNames) {
        this.workload = workload;
        this.texts = texts;
        this.prompts = prompts;
        this.images = images;
        this.clips = clips;
        this.clipNames = clipNames;
    }

    public static InferenceFeeders load(InferenceWorkload w) {
        PromptList texts = PromptList.load("inference.feeders.embedding-texts", w.embeddingTexts());
        if (texts.size() <= w.hotSetSize()) {
            throw new ConfigError("inference.feeders.embedding-texts: '" + w.embeddingTexts() + "' has " + texts.size()
                    + " texts; it needs more than inference.embeddings.hot-set = " + w.hotSetSize());
        }
        PromptList prompts = PromptList.load("inference.feeders.chat-prompts", w.chatPrompts());
        List<String> images = new ArrayList<>();
        for (Path image : files("inference.feeders.images", w.imagesDir(), ".png", ".jpg", ".jpeg")) {
            boolean png = image.toString().toLowerCase(Locale.ROOT).endsWith(".png");
            byte[] bytes = bytes("inference.feeders.images", image);
            requireMagic("inference.feeders.images", image, bytes, png ? PNG : JPEG, png ? "a PNG image" : "a JPEG image");
            images.add("data:" + (png ? "image/png" : "image/jpeg") + ";base64," + Base64.getEncoder().encodeToString(bytes));
        }
        List<byte[]> clips = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path clip : files("inference.feeders.audio", w.audioDir(), ".wav")) {
            byte[] bytes = bytes("inference.feeders.audio", clip);
            requireWav(clip, bytes);
            clips.add(bytes);
            names.add(clip.getFileName().toString());
        }
        return new InferenceFeeders(w, texts, prompts, images, clips, names);
    }

    private static List<Path> files(String key, String dir, String... extensions) {
        Path direct = Path.of(dir);
        Path folder = Files.isDirectory(direct) ? direct : Path.of("feeders").resolve(dir);
        if (!Files.isDirectory(folder)) {
            throw new ConfigError(key + ": folder '" + dir + "' not found" + (direct.isAbsolute() ? ""
                    : " (looked at " + direct.toAbsolutePath() + " and " + folder.toAbsolutePath() + ")"));
        }
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> out = list.filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                for (String e : extensions) if (name.endsWith(e)) return true;
                return false;
            }).sorted().toList();
            if (out.isEmpty()) throw new ConfigError(key + ": folder '" + folder + "' has no " + String.join("/", extensions) + " files");
            return out;
        } catch (IOException e) {
            throw new ConfigError(key + ": cannot list '" + folder + "': " + e.getMessage());
        }
    }

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    /** A RIFF/WAVE header is 44 bytes; a clip of no more has no sound in it. */
    private static final int WAV_HEADER_BYTES = 44;

    /** An empty file, or one that is not what its name says, would be sent and "answered": refuse it before load. */
    private static void requireMagic(String key, Path file, byte[] bytes, byte[] magic, String what) {
        if (bytes.length == 0) throw new ConfigError(key + ": '" + file + "' is empty (0 bytes)");
        if (bytes.length < magic.length || !Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
            throw new ConfigError(key + ": '" + file + "' is not " + what);
        }
    }

    private static void requireWav(Path clip, byte[] bytes) {
        String key = "inference.feeders.audio";
        if (bytes.length == 0) throw new ConfigError(key + ": '" + clip + "' is empty (0 bytes)");
        boolean riff = bytes.length >= 12 && new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                && new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WAVE");
        if (!riff) throw new ConfigError(key + ": '" + clip + "' is not a WAV file (no RIFF/WAVE header)");
        if (bytes.length <= WAV_HEADER_BYTES) throw new ConfigError(key + ": '" + clip + "' has no audio after its WAV header");
    }

    private static byte[] bytes(String key, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigError(key + ": cannot read '" + file + "': " + e.getMessage());
        }
    }

    /** Each record: {@value #TEXTS} (a list of inputs-per-request texts), {@value #PROMPT}, {@value #IMAGE}, {@value #CLIP}. */
    public Iterator<Map<String, Object>> feeder() {
        return feeder(InjectorSettings.SINGLE);
    }

    /** This injector's slice of the records (index, index + count ...), disjoint from the other injectors'. */
    public Iterator<Map<String, Object>> feeder(InjectorSettings injector) {
        return EndlessFeeder.of(injector, n -> {
            SplittableRandom random = new SplittableRandom(SEED * 31 + n);
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < workload.embeddingInputs(); i++) {
                boolean hot = random.nextDouble() < workload.repeatShare();
                int cold = workload.hotSetSize() + (int) ((n * workload.embeddingInputs() + i) % (texts.size() - workload.hotSetSize()));
                batch.add(texts.get(hot ? random.nextInt(workload.hotSetSize()) : cold));
            }
            int clip = (int) (n % clips.size());
            return Map.of(TEXTS, batch, PROMPT, prompts.get(n), IMAGE, images.get((int) (n % images.size())),
                    CLIP, clips.get(clip), CLIP_NAME, clipNames.get(clip));
        });
    }
}
