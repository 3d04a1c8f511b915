package io.llmload.sink;

import java.util.Locale;

/**
 * What the sink did: points produced, written, dropped (buffer full, or still unwritten at the
 * bounded shutdown), failed write attempts, the last write error, and the write latency of the
 * batches that got through.
 */
public record SinkStats(long generated, long written, long dropped, long failedWrites, String lastError,
                        double writeP50Millis, double writeP99Millis, double writeMaxMillis) {

    public String describe() {
        return "InfluxDB: " + written + " of " + generated + " points written, " + dropped + " dropped, "
                + failedWrites + " failed write attempts"
                + (Double.isNaN(writeP50Millis) ? "" : String.format(Locale.ROOT,
                        "; batch write p50 %.1f ms, p99 %.1f ms, max %.1f ms", writeP50Millis, writeP99Millis, writeMaxMillis))
                + (lastError == null ? "" : "; last error: " + lastError);
    }
}
