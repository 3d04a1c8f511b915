package io.llmload.sink;

import io.llmload.client.runpod.HealthSeries;
import io.llmload.config.InfluxSettings;
import io.llmload.metrics.LatencyHistogram;
import io.llmload.metrics.RequestRecord;
import io.netty.util.concurrent.DefaultThreadFactory;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Streams the run's metrics to InfluxDB 1.x, off Gatling's hot path: a record is turned into a
 * point and queued (no I/O, no waiting); a writer thread sends batches. While InfluxDB is away
 * the points wait, up to {@code buffer-limit} (then the oldest are dropped and counted), and the
 * batch is retried every flush interval. Closing flushes for at most {@code shutdown-timeout};
 * what is still unwritten then is counted as dropped. The load test never waits on InfluxDB.
 */
public final class InfluxSink implements Consumer<RequestRecord>, AutoCloseable {

    private static final Runtime RUNTIME = Runtime.getRuntime();
    private final InfluxSettings settings;
    private final InfluxPoints points;
    private final InfluxDB influx;
    private final IntSupplier inFlightRequests;
    private final ScheduledExecutorService threads;
    private final Object lock = new Object();
    private final ArrayDeque<Point> buffer = new ArrayDeque<>();
    private final List<Point> writing = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LatencyHistogram writeLatency = new LatencyHistogram();
    private long generated;
    private long written;
    private long dropped;
    private long failedWrites;
    private String lastError;
    private boolean failing;
    private boolean finalised;
    private boolean databaseReady;
    private final Interval interval = new Interval();
    private long intervalWriteMaxNanos;
    private long intervalWrites;

    public InfluxSink(InfluxSettings settings, Map<String, String> runTags, IntSupplier inFlightRequests) {
        this.settings = settings;
        this.points = new InfluxPoints(runTags);
        this.inFlightRequests = inFlightRequests;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(settings.writeTimeout())
                .readTimeout(settings.writeTimeout())
                .writeTimeout(settings.writeTimeout());
        this.influx = InfluxClients.connect(settings, http);
        this.databaseReady = !settings.createDatabase();
        this.threads = Executors.newScheduledThreadPool(2, new DefaultThreadFactory("llmload-influx", true));
        long flush = settings.flushInterval().toMillis();
        threads.scheduleWithFixedDelay(this::flush, flush, flush, TimeUnit.MILLISECONDS);
        long every = settings.aggregateInterval().toMillis();
        threads.scheduleAtFixedRate(this::emitAggregates, every, every, TimeUnit.MILLISECONDS);
    }

    /** A request or job finished (any thread; never blocks on I/O). */
    @Override
    public void accept(RequestRecord r) {
        enqueue(points.request(r, uniqueNanos(r.startEpochMillis())));
        interval.add(r);
    }

    /** A run event: {@code start} or {@code end}, with string and number fields. */
    public void event(String event, Map<String, Object> fields) {
        Point.Builder p = points.point(InfluxPoints.RUN, uniqueNanos(System.currentTimeMillis())).tag("event", event)
                .addField("event_name", event);
        fields.forEach((k, v) -> {
            if (v instanceof Number n) p.addField(k, n.doubleValue());
            else if (v != null) p.addField(k, String.valueOf(v));
        });
        enqueue(p.build());
    }

    /**
     * A live alert band that started or stopped firing ({@code state} firing | cleared): an
     * {@code llmload_alert} point, which the dashboards show as an annotation.
     */
    public void alert(String alert, String state, String text, double measured, double limit) {
        enqueue(points.point(InfluxPoints.ALERT, uniqueNanos(System.currentTimeMillis())).tag("alert", alert).tag("state", state)
                .addField("text", text).addField("measured", measured).addField("limit", limit)
                .addField("firing", "firing".equals(state) ? 1L : 0L).build());
    }

    /** One scrape of the server's /metrics (and DCGM), under the suite's names: an {@code llmload_server} point. */
    public void serverReading(long epochMillis, Map<String, Double> values) {
        if (values.isEmpty()) return;
        Point.Builder p = points.point(InfluxPoints.SERVER, uniqueNanos(epochMillis));
        values.forEach(p::addField);
        enqueue(p.build());
    }

    /** A serverless endpoint's /health sample (a failed poll is not written). */
    public void healthSample(HealthSeries.Sample sample) {
        if (sample.error() != null) return;
        enqueue(points.point(InfluxPoints.RUNPOD_HEALTH, uniqueNanos(System.currentTimeMillis()))
                .addField("workers_idle", (long) sample.workersIdle())
                .addField("workers_running", (long) sample.workersRunning())
                .addField("workers_initializing", (long) sample.workersInitializing())
                .addField("jobs_in_queue", (long) sample.jobsInQueue())
                .addField("jobs_in_progress", (long) sample.jobsInProgress())
                .build());
    }

    public SinkStats stats() {
        synchronized (lock) {
            return new SinkStats(generated, written, dropped, failedWrites, lastError, writeLatency.percentileMillis(50),
                    writeLatency.percentileMillis(99), writeLatency.count() == 0 ? Double.NaN : writeLatency.maxMillis());
        }
    }

    /** Nanosecond timestamps unique within a millisecond, so two requests never overwrite one point. */
    private long uniqueNanos(long epochMillis) {
        return epochMillis * 1_000_000 + sequence.getAndIncrement() % 1_000_000;
    }

    private void enqueue(Point point) {
        synchronized (lock) {
            generated++;
            if (finalised) {
                dropped++;
                return;
            }
            if (buffer.size() + writing.size() >= settings.bufferLimit()) {
                dropped++;
                if (buffer.isEmpty()) return;
                buffer.pollFirst();
            }
            buffer.addLast(point);
        }
    }

    private void emitAggregates() {
        try {
            Interval.Counts counts = interval.drain();
            long now = System.currentTimeMillis();
            double seconds = settings.aggregateInterval().toMillis() / 1000.0;
            enqueue(points.point(InfluxPoints.SECOND, uniqueNanos(now))
                    .addField("in_flight", (long) inFlightRequests.getAsInt())
                    .addField("requests", counts.requests())
                    .addField("ok", counts.ok())
                    .addField("ko", counts.ko())
                    .addField("requests_per_s", counts.requests() / seconds)
                    .addField("output_tokens_per_s", counts.outputTokens() / seconds)
                    .build());
            counts.errors().forEach((kind, count) -> enqueue(points.point(InfluxPoints.ERRORS, uniqueNanos(now))
                    .tag("failure_kind", kind).addField("count", count).build()));
            Point.Builder self = points.point(InfluxPoints.SINK, uniqueNanos(now));
            synchronized (lock) {
                self.addField("queued", (long) (buffer.size() + writing.size()))
                        .addField("generated_total", generated)
                        .addField("written_total", written)
                        .addField("dropped_total", dropped)
                        .addField("failed_writes_total", failedWrites)
                        .addField("writes", intervalWrites)
                        .addField("write_max_ms", intervalWriteMaxNanos / 1e6)
                        .addField("heap_used_mb", (RUNTIME.totalMemory() - RUNTIME.freeMemory()) / 1048576.0);
                intervalWrites = 0;
                intervalWriteMaxNanos = 0;
            }
            enqueue(self.build());
        } catch (RuntimeException e) {
            // never let an aggregation problem stop the schedule
            synchronized (lock) {
                lastError = e.toString();
            }
        }
    }

    private void flush() {
        while (true) {
            List<Point> batch;
            synchronized (lock) {
                if (finalised) return;
                if (writing.isEmpty()) {
                    while (writing.size() < settings.batchSize() && !buffer.isEmpty()) writing.add(buffer.pollFirst());
                }
                if (writing.isEmpty()) return;
                batch = new ArrayList<>(writing);
            }
            try {
                if (!databaseReady) {
                    influx.query(new Query("CREATE DATABASE \"" + settings.database() + "\""));
                    databaseReady = true;
                }
                long start = System.nanoTime();
                // an empty retention policy writes into the database's default one (where the dashboards read)
                influx.write(BatchPoints.database(settings.database())
                        .retentionPolicy(settings.retentionPolicy().isEmpty() ? null : settings.retentionPolicy())
                        .points(batch).build());
                long took = System.nanoTime() - start;
                writeLatency.recordNanos(took);
                synchronized (lock) {
                    intervalWrites++;
                    intervalWriteMaxNanos = Math.max(intervalWriteMaxNanos, took);
                    if (finalised) return;
                    written += batch.size();
                    writing.clear();
                    if (failing) System.out.println("[llmload] InfluxDB writes resumed; " + buffer.size() + " points still queued");
                    failing = false;
                }
            } catch (RuntimeException e) {
                synchronized (lock) {
                    failedWrites++;
                    lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
                    if (!failing) {
                        System.out.println("[llmload] InfluxDB write failed (" + lastError + "); buffering up to "
                                + settings.bufferLimit() + " points and retrying every " + settings.flushInterval().toMillis() + " ms");
                    }
                    failing = true;
                }
                return;
            }
        }
    }

    /** Flushes for at most shutdown-timeout, then counts what is left as dropped. Never hangs. */
    @Override
    public void close() {
        emitAggregates();
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        threads.shutdown();
        try {
            threads.awaitTermination(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the scheduled flushes are gone: drain here until empty, failing, or out of time
        var drainer = Executors.newSingleThreadExecutor(new DefaultThreadFactory("llmload-influx-close", true));
        var drained = drainer.submit(() -> {
            while (System.nanoTime() < deadline && pending() > 0) {
                long before = stats().failedWrites();
                flush();
                if (stats().failedWrites() > before) sleepUntil(Math.min(deadline, System.nanoTime() + settings.flushInterval().toNanos()));
            }
        });
        try {
            drained.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception timedOutOrFailed) {
            drained.cancel(true);
        } finally {
            drainer.shutdownNow();
            synchronized (lock) {
                finalised = true;
                dropped += buffer.size() + writing.size();
                buffer.clear();
                writing.clear();
            }
            influx.close();
        }
    }

    private int pending() {
        synchronized (lock) {
            return buffer.size() + writing.size();
        }
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    /** Counts of the current aggregation interval. */
    private static final class Interval {
        private long requests;
        private long ok;
        private long ko;
        private long outputTokens;
        private Map<String, Long> errors = new TreeMap<>();

        record Counts(long requests, long ok, long ko, long outputTokens, Map<String, Long> errors) {
        }

        synchronized void add(RequestRecord r) {
            requests++;
            if (r.ok()) {
                ok++;
                outputTokens += r.tokens().output();
            } else {
                ko++;
                errors.merge(InfluxPoints.failureKind(r), 1L, Long::sum);
            }
        }

        synchronized Counts drain() {
            Counts counts = new Counts(requests, ok, ko, outputTokens, errors);
            requests = ok = ko = outputTokens = 0;
            errors = new TreeMap<>();
            return counts;
        }
    }
}
