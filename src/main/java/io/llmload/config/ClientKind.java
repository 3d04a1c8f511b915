package io.llmload.config;

/** {@code target.client}: which HTTP implementation sends the requests. */
public enum ClientKind {
    /** the JDK's HttpClient (HTTP/1.1 and HTTP/2) */
    JDK,
    /** Netty on each Gatling user's own event loop (HTTP/1.1, plain or TLS) */
    NETTY
}
