package io.llmload.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.llmload.metrics.Numbers;
import io.llmload.metrics.RequestRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Every measured request as one JSON line (llm-requests.jsonl), for post-analysis. Lines are
 * buffered and written out every {@code flushEvery} ({@code report.request-log-flush}) and when the
 * log is closed, so a run that is killed keeps all but its last interval: a write per request cost
 * the injector 15 % of its CPU at 25,000 requests/s (docs/benchmarks.md, "Against the peers").
 */
public final class RequestLog implements Consumer<RequestRecord>, AutoCloseable {

    public static final String FILE = "llm-requests.jsonl";
    /** Written per request, a line is ~0.5 KB: this holds a few hundred between writes. */
    private static final int BUFFER_CHARS = 128 * 1024;
    private static final JsonFactory JSON = new JsonFactory()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);

    private final Path file;
    private final BufferedWriter out;
    private final ScheduledExecutorService flusher;
    private boolean closed;

    public RequestLog(Path file, Duration flushEvery) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER_CHARS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "llmload-request-log");
            t.setDaemon(true);
            return t;
        });
        long every = flushEvery.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void accept(RequestRecord r) {
        if (closed) return;
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("request", r.request());
            g.writeNumberField("level", r.level());
            g.writeNumberField("start_ms", r.startEpochMillis());
            g.writeBooleanField("ok", r.ok());
            if (r.failure() != null) {
                g.writeStringField("failure_kind", r.failure().kind().key());
                g.writeStringField("failure", r.failure().reason());
            }
            g.writeNumberField("status", r.httpStatus());
            RequestRecord.Timing t = r.timing();
            RequestRecord.Tokens k = r.tokens();
            writeMillis(g, "e2e_ms", t.e2eNanos());
            if (t.ttftNanos() >= 0) writeMillis(g, "ttft_ms", t.ttftNanos());
            if (r.tpotNanos() >= 0) writeMillis(g, "tpot_ms", r.tpotNanos());
            if (t.ttfrNanos() >= 0) writeMillis(g, "ttfr_ms", t.ttfrNanos());
            if (t.ttfrNanos() >= 0 && t.ttfoNanos() >= 0) writeMillis(g, "ttfo_ms", t.ttfoNanos());
            if (t.toolCallNanos() >= 0) writeMillis(g, "tool_call_ms", t.toolCallNanos());
            if (k.reasoning() >= 0) g.writeNumberField("reasoning_tokens", k.reasoning());
            if (k.cachedPrompt() >= 0) g.writeNumberField("cached_prompt_tokens", k.cachedPrompt());
            g.writeNumberField("chunks", t.interTokenNanos().length + (t.ttftNanos() >= 0 ? 1 : 0));
            g.writeNumberField("output_tokens", k.output());
            g.writeBooleanField("usage_reported", k.outputFromUsage());
            g.writeNumberField("client_output_tokens", k.clientOutput());
            if (k.requestedOutput() >= 0) g.writeNumberField("requested_output_tokens", k.requestedOutput());
            g.writeNumberField("prompt_tokens", k.prompt());
            if (k.clientPrompt() >= 0) g.writeNumberField("client_prompt_tokens", k.clientPrompt());
            if (r.staleRetries() > 0) g.writeNumberField("stale_connection_retries", r.staleRetries());
            if (r.warmUp()) g.writeBooleanField("warm_up", true);
            if (r.rejectedServerValue() != null) g.writeStringField("rejected_server_value", r.rejectedServerValue());
            if (r.hasJobBreakdown()) {
                writeMillis(g, "queue_ms", r.job().queueNanos());
                writeMillis(g, "execution_ms", r.job().executionNanos());
                writeMillis(g, "overhead_ms", r.overheadNanos());
            }
            if (r.responseId() != null) g.writeStringField("id", r.responseId());
            if (r.model() != null) g.writeStringField("model", r.model());
            if (r.endpoint() != null) g.writeStringField("endpoint", r.endpoint());
            writeMillis(g, "send_overhead_ms", t.sendOverheadNanos());
            g.writeNumberField("send_nanos", t.sendNanos());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMillis(JsonGenerator g, String field, long nanos) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(Numbers.millisOfNanos(nanos));
    }

    private synchronized void flushQuietly() {
        try {
            if (!closed) out.flush();
        } catch (IOException e) {
            // the next flush, or close(), says it
        }
    }

    /** Writes out what is buffered and returns the file, which then holds every request recorded so far. */
    public synchronized Path flushed() {
        if (!closed) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        return file;
    }

    /** Closes the log and moves it into {@code dir}; returns the new path. */
    public synchronized Path moveTo(Path dir) {
        close();
        try {
            Files.createDirectories(dir);
            return Files.move(file, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " to " + dir, e);
        }
    }

    /** Closes and deletes the log: the run it belonged to stopped before it measured anything worth keeping. */
    public synchronized void discard() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        flusher.shutdown();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
