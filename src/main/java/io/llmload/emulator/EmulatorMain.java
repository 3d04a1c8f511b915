package io.llmload.emulator;

import com.typesafe.config.ConfigException;
import io.llmload.config.ConfigError;
import io.llmload.config.LlmloadConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code scripts/run-emulator.sh -Demulator.port=8000}. Reads the
 * {@code emulator} section and {@code target.model} of llmload.conf as a run does (-D overrides, a
 * {@code -Dllmload.config} file, unknown keys refused). With
 * {@code -D}{@value #TRACE_FILE_PROPERTY}{@code =path} it writes its ground truth there on exit.
 */
public final class EmulatorMain {

    public static final String TRACE_FILE_PROPERTY = "llmload.emulator.trace-file";

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorSettings settings;
        try {
            LlmloadConfig config = LlmloadConfig.load();
            settings = EmulatorSettings.fromConfig(config.raw().getConfig("emulator"), config.section("target").string("model"));
        } catch (ConfigError | IllegalArgumentException | ConfigException e) {
            System.err.println("llmload emulator: " + e.getMessage().lines().findFirst().orElse(""));
            System.exit(2);
            return;
        }
        LlmEndpointEmulator emulator = LlmEndpointEmulator.start(settings);
        System.out.println("llmload emulator serving model '" + settings.modelName() + "' at " + emulator.baseUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        String traceFile = System.getProperty(TRACE_FILE_PROPERTY);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            if (traceFile != null) {
                try {
                    emulator.groundTruth().writeJsonl(Path.of(traceFile));
                } catch (IOException e) {
                    System.err.println("cannot write " + traceFile + ": " + e.getMessage());
                }
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
