package io.llmload.emulator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** Emulator settings from llmload.conf's defaults with a few keys changed, and a plain HTTP client. */
public final class EmulatorFixture {

    public static final String MODEL = "test-model";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private EmulatorFixture() {
    }

    public static EmulatorSettings settings(Map<String, String> overrides) {
        Map<String, String> prefixed = new HashMap<>();
        overrides.forEach((k, v) -> prefixed.put("emulator." + k, v));
        Config config = ConfigFactory.parseMap(prefixed).withFallback(ConfigFactory.parseResources("llmload.conf")).resolve();
        return EmulatorSettings.fromConfig(config.getConfig("emulator"), MODEL);
    }

    /** An emulator of its own for a test (port 0: a free one); {@code overrides} are emulator keys without "emulator.". */
    public static LlmEndpointEmulator start(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        all.putIfAbsent("port", "0");
        return LlmEndpointEmulator.start(settings(all));
    }

    /** The run settings that point a simulation at {@code emulator}. */
    public static Map<String, String> target(LlmEndpointEmulator emulator) {
        return Map.of("target.base-url", emulator.baseUrl(), "target.model", MODEL);
    }

    public static HttpResponse<String> post(LlmEndpointEmulator emulator, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> get(LlmEndpointEmulator emulator, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
