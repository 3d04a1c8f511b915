package io.llmload.it;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A DCGM exporter stand-in on loopback: the recorded two-GPU exposition, its memory {@code usedPct} % full. */
final class DcgmStandIn {

    private DcgmStandIn() {
    }

    static HttpServer start(int usedPct) throws IOException {
        String text;
        try (InputStream in = DcgmStandIn.class.getResourceAsStream("/prometheus/dcgm.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the recording is 70 % full (70,000 of 100,000 MiB): scale the free memory of both GPUs to usedPct
        double free = 70_000.0 * (100 - usedPct) / usedPct;
        String served = text.replace("} 9152", "} " + Math.round(free / 2)).replace("} 20848", "} " + Math.round(free / 2));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = served.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
    }
}
