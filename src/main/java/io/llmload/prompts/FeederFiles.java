package io.llmload.prompts;

import io.llmload.config.ConfigError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a feeder file: an existing path as given, else under {@code feeders/}, else on the
 * classpath (feeders/ is a test resource root). A missing file is a one-line error naming the key.
 */
public final class FeederFiles {

    private FeederFiles() {
    }

    public static String read(String key, String name) {
        try (InputStream in = open(key, name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.isBlank()) throw new ConfigError(key + ": feeder file '" + name + "' is empty");
            return text;
        } catch (IOException e) {
            throw new ConfigError(key + ": cannot read feeder file '" + name + "': " + e.getMessage());
        }
    }

    /** The file as a stream, for files too large to hold as one string (a dataset). */
    public static InputStream open(String key, String name) {
        Path direct = Path.of(name);
        Path underFeeders = Path.of("feeders").resolve(name);
        try {
            if (Files.isRegularFile(direct)) return Files.newInputStream(direct);
            if (Files.isRegularFile(underFeeders)) return Files.newInputStream(underFeeders);
        } catch (IOException e) {
            throw new ConfigError(key + ": cannot read feeder file '" + name + "': " + e.getMessage());
        }
        InputStream resource = FeederFiles.class.getClassLoader().getResourceAsStream(name);
        if (resource != null) return resource;
        if (direct.isAbsolute()) throw new ConfigError(key + ": feeder file '" + name + "' not found");
        throw new ConfigError(key + ": feeder file '" + name + "' not found (looked at " + direct.toAbsolutePath()
                + ", " + underFeeders.toAbsolutePath() + " and the classpath)");
    }
}
