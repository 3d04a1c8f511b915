package io.llmload.client;

import io.llmload.config.ClientKind;
import io.netty.util.ResourceLeakDetector;

import java.net.http.HttpClient;

/** Opens the transport a run's requests go through. */
public final class Transports {

    private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    private Transports() {
    }

    /**
     * The netty client warms its read path up first (about 1 s; it refuses to start if that fails);
     * HTTP/2 always goes through the JDK client, the netty client speaking HTTP/1.1 only.
     */
    public static Transport open(ClientKind kind, HttpClient.Version version) {
        if (kind == ClientKind.NETTY && version != HttpClient.Version.HTTP_2) {
            // Netty's default leak detection records a stack trace for one buffer in 128: 3 % of the
            // injector's CPU at 5,000 short requests/s (docs/benchmarks.md section 11). -Dio.netty.leakDetection.level keeps it.
            if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
            // a throwaway transport: the warm-up's connection must not end up in the real one's pool
            int warmed = ClientWarmUp.run(new NettyTransport());
            if (warmed != ClientWarmUp.RESPONSES) throw new IllegalStateException("the streaming client's read path failed its warm-up");
            return new NettyTransport();
        }
        return new JdkTransport(version);
    }
}
