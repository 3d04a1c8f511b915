package io.llmload.run;

import io.llmload.client.LoadStop;
import io.llmload.config.LiveSettings;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.Numbers;
import io.llmload.metrics.RequestRecord;
import io.llmload.metrics.ServerReadings;
import io.llmload.metrics.SloEvaluator;
import io.llmload.metrics.SloResult;
import io.llmload.metrics.SloSpec;
import io.llmload.sink.InfluxSink;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches the run while it runs. Every record goes into the current time slice; every
 * {@code alerts.interval} the slices of the last {@code alerts.window} are merged (HdrHistograms add
 * losslessly) and each alert band is judged on them: a band that starts or stops firing prints a
 * timestamped line at once and writes an {@code llmload_alert} point. Every second the early-stop
 * rules ({@code abort.*}) are checked on the failure counts; a tripped rule asks the load to stop.
 * Warm-up requests count for the stop (a dead endpoint fails them too), not for the alerts.
 */
final class LiveWatch implements Consumer<RequestRecord>, AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final long ABORT_CHECK_MILLIS = 1000;

    /** Requests that ended in one second: for the error share of the abort window. */
    private record Second(long epochSecond, long ok, long ko) {
    }

    /** One alert band's firing, from the first window that breached it to the first that did not. */
    record Episode(String alert, String band, String started, String ended, Double worst, String unit) {
    }

    private final LiveSettings settings;
    private final List<SloSpec> alerts;
    private final String request;
    private final LlmMetrics shape;
    private final InfluxSink sink;
    private final LoadStop stop;
    private final LongSupplier clock;
    private final ServerReadings server;
    private final Deque<LlmMetrics> slices = new ArrayDeque<>();
    private final Deque<Second> seconds = new ArrayDeque<>();
    private final Map<String, Episode> firing = new LinkedHashMap<>();
    private final Map<String, Double> worst = new LinkedHashMap<>();
    private final List<Episode> episodes = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("llmload-live-watch", true));
    private LlmMetrics current;
    private long secondOk;
    private long secondKo;
    private long currentSecond;
    private long lastSuccessMillis;
    private String stoppedAt;

    /**
     * @param shape the run's recorder, whose goodput and truncation rules the slices share
     * @param sink  where alert points go, or null
     * @param server the server's sampled figures, for bands on them, or null
     * @param clock  epoch milliseconds (tests pass their own)
     */
    LiveWatch(LiveSettings settings, List<SloSpec> alerts, String request, LlmMetrics shape, InfluxSink sink, LoadStop stop,
              ServerReadings server, LongSupplier clock) {
        this.server = server;
        this.settings = settings;
        this.alerts = alerts;
        this.request = request;
        this.shape = shape;
        this.sink = sink;
        this.stop = stop;
        this.clock = clock;
        this.current = newSlice();
        this.lastSuccessMillis = clock.getAsLong();
        this.currentSecond = lastSuccessMillis / 1000;
    }

    void start() {
        long interval = settings.alertInterval().toMillis();
        if (!alerts.isEmpty()) timer.scheduleAtFixedRate(this::judgeAlerts, interval, interval, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::checkAbort, ABORT_CHECK_MILLIS, ABORT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private LlmMetrics newSlice() {
        return new LlmMetrics(shape.goodput(), shape.truncationRatio());
    }

    @Override
    public void accept(RequestRecord r) {
        long now = clock.getAsLong();
        LlmMetrics slice;
        synchronized (this) {
            rollSecond(now / 1000);
            if (r.ok()) {
                secondOk++;
                lastSuccessMillis = now;
            } else {
                secondKo++;
            }
            slice = current;
        }
        // recorded outside the lock (the slice is thread-safe): the event loops do not queue on the watch;
        // a record landing in a slice just rotated out is still inside the window
        if (!r.warmUp() && !alerts.isEmpty()) slice.record(r);
    }

    private void rollSecond(long second) {
        if (second == currentSecond) return;
        if (secondOk + secondKo > 0) seconds.addLast(new Second(currentSecond, secondOk, secondKo));
        secondOk = 0;
        secondKo = 0;
        currentSecond = second;
        long oldest = second - settings.abortWindow().toSeconds();
        while (!seconds.isEmpty() && seconds.peekFirst().epochSecond() < oldest) seconds.removeFirst();
    }

    /** Checks the early-stop rules; once tripped, asks the load to stop and says why. */
    void checkAbort() {
        try {
            long now = clock.getAsLong();
            String reason = null;
            synchronized (this) {
                if (stoppedAt != null) return;
                rollSecond(now / 1000);
                long ok = secondOk;
                long ko = secondKo;
                for (Second s : seconds) {
                    ok += s.ok();
                    ko += s.ko();
                }
                long windowSeconds = settings.abortWindow().toSeconds();
                if (settings.abortOnErrors() && ok + ko >= settings.abortMinRequests() && 100.0 * ko / (ok + ko) > settings.abortErrorPercent()) {
                    reason = Numbers.compact(Numbers.round(100.0 * ko / (ok + ko))) + " % of the " + (ok + ko) + " requests that ended in the last "
                            + windowSeconds + " s failed (abort.max-error-share = " + Numbers.compact(settings.abortErrorPercent()) + " %)";
                } else if (!settings.abortNoSuccessFor().isZero() && now - lastSuccessMillis >= settings.abortNoSuccessFor().toMillis()) {
                    reason = "no request succeeded for " + settings.abortNoSuccessFor().toSeconds() + " s (abort.no-success-for)";
                }
                if (reason == null) return;
                stoppedAt = CLOCK.format(Instant.ofEpochMilli(now));
            }
            String line = "stopped early at " + stoppedAt + " UTC: " + reason;
            System.out.println("[llmload] " + stoppedAt + " STOPPING THE RUN: " + reason);
            stop.request(line);
            if (sink != null) sink.event("stopped", Map.of("reason", reason));
        } catch (RuntimeException e) {
            System.err.println("[llmload] live watch: " + e);
        }
    }

    /** Judges every alert band on the last window and reports each that starts or stops firing. */
    void judgeAlerts() {
        try {
            long now = clock.getAsLong();
            LlmMetrics window = newSlice();
            synchronized (this) {
                slices.addLast(current);
                current = newSlice();
                long kept = settings.alertWindow().toMillis() / settings.alertInterval().toMillis();
                while (slices.size() > kept) slices.removeFirst();
                for (LlmMetrics slice : slices) window.mergeFrom(slice);
            }
            String at = CLOCK.format(Instant.ofEpochMilli(now));
            String scope = " over the last " + settings.alertWindow().toSeconds() + " s";
            synchronized (firing) {
                for (SloSpec alert : alerts) judge(alert, window, now, at, scope);
            }
        } catch (RuntimeException e) {
            System.err.println("[llmload] live watch: " + e);
        }
    }

    private void judge(SloSpec alert, LlmMetrics window, long now, String at, String scope) {
        String name = alert.request() != null ? alert.request() : request;
        long requests = alert.atLevel() ? window.at(name, alert.level()).requests() : window.overall(name).requests();
        boolean ofServer = alert.metric().serverName() != null;
        if (!ofServer && requests < settings.alertMinRequests()) return;
        SloResult r = SloEvaluator.evaluate(alert, window, request, server, now - settings.alertWindow().toMillis(), now);
        if (Double.isNaN(r.measured())) return;
        String band = alert.describe(alert.atLevel() ? " at c=" + alert.level() + scope : scope);
        Episode open = firing.get(alert.name());
        if (!r.passed()) {
            worst.merge(alert.name(), r.measured(), (a, b) -> alert.overLimit(a) >= alert.overLimit(b) ? a : b);
            if (open != null) return;
            firing.put(alert.name(), new Episode(alert.name(), band, at, null, null, alert.metric().unit()));
            System.out.println("[llmload] " + at + " ALERT " + alert.name() + ": " + band + ", measured "
                    + Numbers.measured(r.measured()) + " " + alert.metric().unit() + (ofServer ? " (the server's /metrics)" : " (" + requests + " requests)"));
            if (sink != null) sink.alert(alert.name(), "firing", band, r.measured(), limit(alert));
        } else if (open != null) {
            firing.remove(alert.name());
            episodes.add(close(open, at));
            System.out.println("[llmload] " + at + " alert " + alert.name() + " cleared (" + band + ", measured "
                    + Numbers.measured(r.measured()) + " " + alert.metric().unit() + ")");
            if (sink != null) sink.alert(alert.name(), "cleared", band, r.measured(), limit(alert));
        }
    }

    private Episode close(Episode open, String ended) {
        return new Episode(open.alert(), open.band(), open.started(), ended, Numbers.round(worst.remove(open.alert())), open.unit());
    }

    private static double limit(SloSpec alert) {
        return alert.max() != null ? alert.max() : alert.min();
    }

    /** Stops watching; alerts still firing are listed as firing at the end. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The alert bands that fired while the run ran, in order; one still firing at the end has no end. */
    List<Episode> episodes() {
        synchronized (firing) {
            List<Episode> out = new ArrayList<>(episodes);
            for (Episode open : firing.values()) {
                out.add(new Episode(open.alert(), open.band(), open.started(), null, Numbers.round(worst.getOrDefault(open.alert(), Double.NaN)), open.unit()));
            }
            return out;
        }
    }
}
