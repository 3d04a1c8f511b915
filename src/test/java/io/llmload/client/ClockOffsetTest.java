package io.llmload.client;

import io.llmload.emulator.EmulatorFixture;
import io.llmload.emulator.LlmEndpointEmulator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The clock offset read from a target's Date header: zero on this machine, the skew of a server that runs ahead, none without the header. */
class ClockOffsetTest {

    /** Answers every request with a 404 whose Date header is its own clock, {@code skew} ahead of ours; no Date when skew is null. */
    private static ServerSocket server(Duration skew) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    InputStream in = s.getInputStream();
                    int matched = 0;
                    while (matched < 4) {
                        int b = in.read();
                        if (b < 0) break;
                        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : 0;
                    }
                    String date = skew == null ? "" : "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME
                            .format(Instant.now().plus(skew).atZone(ZoneOffset.UTC)) + "\r\n";
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 404 Not Found\r\n" + date + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return socket;
    }

    @Test
    void theEmulatorStampsADateAndOnThisMachineTheOffsetIsZeroWithinItsBound() {
        try (LlmEndpointEmulator emulator = EmulatorFixture.start(Map.of())) {
            ClockOffset.Measured m = ClockOffset.measure(URI.create(emulator.baseUrl()), Duration.ofSeconds(2)).orElseThrow();
            assertThat(m.uncertaintyMillis()).isBetween(0L, 50L);
            assertThat(Math.abs(m.offsetMillis())).isLessThanOrEqualTo(m.uncertaintyMillis() + 2);
        }
    }

    @Test
    void aServerWhoseClockRunsAheadIsMeasuredAheadAndOneWithoutDateGivesNoFigure() throws IOException {
        try (ServerSocket ahead = server(Duration.ofMillis(4_300)); ServerSocket noDate = server(null)) {
            ClockOffset.Measured m = ClockOffset.measure(URI.create("http://127.0.0.1:" + ahead.getLocalPort() + "/v1"), Duration.ofSeconds(2))
                    .orElseThrow();
            assertThat(m.offsetMillis()).isBetween(4_300 - m.uncertaintyMillis() - 2, 4_300 + m.uncertaintyMillis() + 2);
            Optional<ClockOffset.Measured> none = ClockOffset.measure(URI.create("http://127.0.0.1:" + noDate.getLocalPort()), Duration.ofSeconds(2));
            assertThat(none).isEmpty();
        }
    }
}
