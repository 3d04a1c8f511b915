package io.llmload.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * This machine's clock against the target's, read from the {@code Date} header of its answers. The
 * header counts whole seconds, so the target is asked again and again until its second changes: the
 * change happened between two of our clock readings, which bounds the offset to about one round trip.
 */
public final class ClockOffset {

    /** Offset (target clock − ours) and its uncertainty (±), in milliseconds. */
    public record Measured(long offsetMillis, long uncertaintyMillis) {
    }

    private static final Duration SECOND_AND_MARGIN = Duration.ofMillis(1500);

    private ClockOffset() {
    }

    /** Measures against any answer of {@code uri} (a 404 has a Date too); empty when the target sends no Date or does not answer. */
    public static Optional<Measured> measure(URI uri, Duration requestTimeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
        long deadline = System.currentTimeMillis() + SECOND_AND_MARGIN.toMillis() + requestTimeout.toMillis();
        Long firstSecond = null;
        long previousSent = 0;
        try {
            while (System.currentTimeMillis() < deadline) {
                long sent = System.currentTimeMillis();
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                long received = System.currentTimeMillis();
                Optional<String> date = response.headers().firstValue("Date");
                if (date.isEmpty()) return Optional.empty();
                long second = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
                if (firstSecond == null) {
                    firstSecond = second;
                } else if (second != firstSecond) {
                    // the target's second turned after it stamped the previous answer (sent at previousSent at the earliest)
                    // and before it stamped this one (received by `received` at the latest)
                    long boundary = second * 1000;
                    long localMid = (previousSent + received) / 2;
                    return Optional.of(new Measured(boundary - localMid, (received - previousSent + 1) / 2));
                }
                previousSent = sent;
            }
            return Optional.empty();
        } catch (java.io.IOException | DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
