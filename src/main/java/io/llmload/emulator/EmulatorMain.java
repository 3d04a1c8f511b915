package io.llmload.emulator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code scripts/run-emulator.sh -Demulator.port=8000}. Reads the
 * {@code emulator} section and {@code target.model} of llmload.conf, with -D overrides. With
 * {@code -D}{@value #TRACE_FILE_PROPERTY}{@code =path} it writes its ground truth there on exit.
 */
public final class EmulatorMain {

    public static final String TRACE_FILE_PROPERTY = "llmload.emulator.trace-file";

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Config config = ConfigFactory.systemProperties()
                .withFallback(ConfigFactory.parseResources("llmload.conf")).resolve();
        EmulatorSettings settings = EmulatorSettings.fromConfig(config.getConfig("emulator"), config.getString("target.model"));
        LlmEndpointEmulator emulator = LlmEndpointEmulator.start(settings);
        System.out.println("llmload emulator serving model '" + settings.modelName() + "' at " + emulator.baseUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        String traceFile = System.getProperty(TRACE_FILE_PROPERTY);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            if (traceFile != null) {
                try {
                    emulator.groundTruth().writeJsonl(java.nio.file.Path.of(traceFile));
                } catch (java.io.IOException e) {
                    System.err.println("cannot write " + traceFile + ": " + e.getMessage());
                }
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
