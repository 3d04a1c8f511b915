package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server side of {@link EchoProtocol}, on a loopback port: {@code POST /echo} answers the text it
 * was sent after a known delay, except every {@code garbleEvery}-th request, whose text comes back
 * changed. It counts both, the ground truth a test compares the run's figures with. (It needs
 * {@code sun.net.httpserver.nodelay}, set for every test in pom.xml, to answer without Nagle's delay.)
 */
final class EchoServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final long delayMillis;
    private final int garbleEvery;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger garbled = new AtomicInteger();

    EchoServer(long delayMillis, int garbleEvery) throws IOException {
        this.delayMillis = delayMillis;
        this.garbleEvery = garbleEvery;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", this::echo);
        server.setExecutor(threads);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int received() {
        return received.get();
    }

    int garbled() {
        return garbled.get();
    }

    private void echo(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        int n = received.incrementAndGet();
        String text = request.path("text").asText();
        if (n % garbleEvery == 0) {
            garbled.incrementAndGet();
            text = text + " (garbled)";
        }
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = JSON.createObjectNode().put("text", text).toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
