package io.llmload.prompts;

import com.typesafe.config.ConfigFactory;
import io.llmload.config.ConfigError;
import io.llmload.config.InferenceWorkload;
import io.llmload.config.LlmloadConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Feeder files that would be sent and "answered" though they hold nothing are refused before load. */
class InferenceFeedersTest {

    private static InferenceWorkload workload(Path images, Path audio) {
        return InferenceWorkload.from(LlmloadConfig.load(ConfigFactory.parseMap(Map.of(
                "inference.feeders.images", images.toString(), "inference.feeders.audio", audio.toString()))).section("inference"));
    }

    @Test
    void theShippedFeedersLoad() {
        InferenceWorkload w = InferenceWorkload.from(LlmloadConfig.load(ConfigFactory.empty()).section("inference"));
        assertThat(InferenceFeeders.load(w).feeder().next()).containsKeys(InferenceFeeders.CLIP, InferenceFeeders.IMAGE);
    }

    @Test
    void anEmptyClipIsAConfigErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path audio = Files.createDirectory(dir.resolve("audio"));
        Files.write(audio.resolve("empty.wav"), new byte[0]);
        assertThatThrownBy(() -> InferenceFeeders.load(workload(Path.of("feeders/inference/images").toAbsolutePath(), audio)))
                .isInstanceOf(ConfigError.class)
                .hasMessage("inference.feeders.audio: '" + audio.resolve("empty.wav") + "' is empty (0 bytes)");
        Files.write(audio.resolve("empty.wav"), "not a riff file".getBytes());
        assertThatThrownBy(() -> InferenceFeeders.load(workload(Path.of("feeders/inference/images").toAbsolutePath(), audio)))
                .hasMessage("inference.feeders.audio: '" + audio.resolve("empty.wav") + "' is not a WAV file (no RIFF/WAVE header)");
        byte[] headerOnly = new byte[44];
        System.arraycopy("RIFF".getBytes(), 0, headerOnly, 0, 4);
        System.arraycopy("WAVE".getBytes(), 0, headerOnly, 8, 4);
        Files.write(audio.resolve("empty.wav"), headerOnly);
        assertThatThrownBy(() -> InferenceFeeders.load(workload(Path.of("feeders/inference/images").toAbsolutePath(), audio)))
                .hasMessage("inference.feeders.audio: '" + audio.resolve("empty.wav") + "' has no audio after its WAV header");
    }

    @Test
    void anImageThatIsNotOneIsAConfigError(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectory(dir.resolve("images"));
        Files.writeString(images.resolve("photo.png"), "<html>not an image</html>");
        assertThatThrownBy(() -> InferenceFeeders.load(workload(images, Path.of("feeders/inference/audio").toAbsolutePath())))
                .hasMessage("inference.feeders.images: '" + images.resolve("photo.png") + "' is not a PNG image");
    }

    @Test
    void anEmptyTextFeederIsAConfigError(@TempDir Path dir) throws Exception {
        Path texts = Files.writeString(dir.resolve("texts.txt"), "   \n");
        assertThatThrownBy(() -> PromptList.load("inference.feeders.embedding-texts", texts.toString()))
                .hasMessage("inference.feeders.embedding-texts: feeder file '" + texts + "' is empty");
    }
}
