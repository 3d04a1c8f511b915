package io.llmload.client;

import io.llmload.config.ClientKind;

import java.net.http.HttpClient;

/** Opens the transport a run's requests go through. */
public final class Transports {

    private Transports() {
    }

    /**
     * The netty client warms its read path up first (about 1 s; it refuses to start if that fails);
     * HTTP/2 always goes through the JDK client, the netty client speaking HTTP/1.1 only.
     */
    public static Transport open(ClientKind kind, HttpClient.Version version) {
        if (kind == ClientKind.NETTY && version != HttpClient.Version.HTTP_2) {
            // a throwaway transport: the warm-up's connection must not end up in the real one's pool
            int warmed = ClientWarmUp.run(new NettyTransport());
            if (warmed != ClientWarmUp.RESPONSES) throw new IllegalStateException("the streaming client's read path failed its warm-up");
            return new NettyTransport();
        }
        return new JdkTransport(version);
    }
}
