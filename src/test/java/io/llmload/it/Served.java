package io.llmload.it;

import io.llmload.emulator.EmulatorFixture;
import io.llmload.emulator.LlmEndpointEmulator;

import java.util.HashMap;
import java.util.Map;

/**
 * A simulation run against an emulator of the test's own, so the test can hold the emulator's ground
 * truth beside what the run wrote. The {@code emulator.*} overrides configure that emulator; the
 * others go to the run, which is pointed at it. Close it to stop the emulator.
 */
record Served(RunResult result, LlmEndpointEmulator emulator) implements AutoCloseable {

    static Served run(Class<?> simulation, Map<String, String> overrides) {
        return run(simulation, overrides, false);
    }

    static Served run(Class<?> simulation, Map<String, String> overrides, boolean reports) {
        Map<String, String> emulatorKeys = new HashMap<>();
        Map<String, String> runKeys = new HashMap<>();
        overrides.forEach((key, value) -> {
            if (key.startsWith("emulator.")) {
                emulatorKeys.put(key.substring("emulator.".length()), value);
            } else {
                runKeys.put(key, value);
            }
        });
        LlmEndpointEmulator emulator = EmulatorFixture.start(emulatorKeys);
        try {
            runKeys.putAll(EmulatorFixture.target(emulator));
            return new Served(RunResult.of(simulation, runKeys, reports), emulator);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    @Override
    public void close() {
        emulator.close();
    }
}
