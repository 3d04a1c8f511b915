package io.llmload.emulator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code scripts/run-emulator.sh -Demulator.port=8000}. Reads the
 * {@code emulator} section and {@code target.model} of llmload.conf, with -D overrides.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Config config = ConfigFactory.systemProperties()
                .withFallback(ConfigFactory.parseResources("llmload.conf")).resolve();
        EmulatorSettings settings = EmulatorSettings.fromConfig(config.getConfig("emulator"), config.getString("target.model"));
        LlmEndpointEmulator emulator = LlmEndpointEmulator.start(settings);
        System.out.println("llmload emulator serving model '" + settings.modelName() + "' at " + emulator.baseUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
