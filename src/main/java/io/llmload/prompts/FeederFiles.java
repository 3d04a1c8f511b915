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

    private static String nonEmpty(String key, String name, String text) {
        if (text.isBlank()) throw new ConfigError(key + ": feeder file '" + name + "' is empty");
        return text;
    }

    public static String read(String key, String name) {
        Path direct = Path.of(name);
        Path underFeeders = Path.of("feeders").resolve(name);
        try {
            if (Files.isRegularFile(direct)) return nonEmpty(key, name, Files.readString(direct, StandardCharsets.UTF_8));
            if (Files.isRegularFile(underFeeders)) return nonEmpty(key, name, Files.readString(underFeeders, StandardCharsets.UTF_8));
            try (InputStream in = FeederFiles.class.getClassLoader().getResourceAsStream(name)) {
                if (in != null) return nonEmpty(key, name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new ConfigError(key + ": cannot read feeder file '" + name + "': " + e.getMessage());
        }
        if (direct.isAbsolute()) throw new ConfigError(key + ": feeder file '" + name + "' not found");
        throw new ConfigError(key + ": feeder file '" + name + "' not found (looked at " + direct.toAbsolutePath()
                + ", " + underFeeders.toAbsolutePath() + " and the classpath)");
    }
}
