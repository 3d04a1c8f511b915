package io.llmload.run;

import io.llmload.metrics.LatencyHistogram;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.simple.RandomSource;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The arrival times of one open-model step: from the step's start, for its hold time, inter-arrival
 * gaps drawn from a gamma distribution of mean 1/rate and shape {@code burstiness} (coefficient of
 * variation 1/√burstiness; 1 is Poisson), seeded so a run's schedule can be repeated. The rate is
 * asked for when the step starts (a sweep decides it from the steps before). An infinite rate is
 * "as fast as the pool allows": each free user sends at once, a closed model of the pool's size.
 * Arrivals are handed out in order to whichever user of the pool is free; how late each was sent is
 * its scheduling lag.
 */
public final class ArrivalSchedule {

    public static final long NONE = -1;

    private final DoubleSupplier rate;
    private final double burstiness;
    private final long holdNanos;
    private final long seed;
    private final LatencyHistogram lag = new LatencyHistogram();
    private ContinuousSampler gaps;
    private double requestedRate = Double.NaN;
    private long startNanos = NONE;
    private long endNanos;
    private double nextNanos;
    private long sent;
    private long lastSentNanos;

    public ArrivalSchedule(DoubleSupplier rate, double burstiness, Duration hold, long seed) {
        this.rate = rate;
        this.burstiness = burstiness;
        this.holdNanos = hold.toNanos();
        this.seed = seed;
    }

    /** The next arrival (System.nanoTime) for a user free at {@code nowNanos}, or {@link #NONE} once the step's time is up. */
    public synchronized long next(long nowNanos) {
        if (startNanos == NONE) start(nowNanos);
        if (Double.isInfinite(requestedRate)) return nowNanos < endNanos ? nowNanos : NONE;
        if (gaps == null || nextNanos >= endNanos) return NONE;
        long arrival = (long) nextNanos;
        nextNanos += gaps.sample();
        return arrival;
    }

    private void start(long nowNanos) {
        startNanos = nowNanos;
        endNanos = nowNanos + holdNanos;
        nextNanos = nowNanos;
        requestedRate = rate.getAsDouble();
        // a sweep whose earlier steps measured no throughput has no rate to send at (NaN or 0): the step sends nothing
        if (requestedRate > 0 && !Double.isInfinite(requestedRate)) {
            UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            // gamma(shape k, scale θ) has mean kθ: θ = 1 / (rate × k) gives a mean gap of 1 / rate
            gaps = AhrensDieterMarsagliaTsangGammaSampler.of(random, burstiness, 1e9 / (requestedRate * burstiness));
        }
    }

    /** A user sends the arrival it was given; {@code nowNanos} is when. */
    public synchronized void sent(long arrivalNanos, long nowNanos) {
        lag.recordNanos(nowNanos - arrivalNanos);
        sent++;
        lastSentNanos = Math.max(lastSentNanos, nowNanos);
    }

    /** Whether the step has started (asked its rate). */
    public synchronized boolean started() {
        return startNanos != NONE;
    }

    public synchronized double requestedRate() {
        return requestedRate;
    }

    public synchronized long sentCount() {
        return sent;
    }

    /** Requests sent per second of the step: over its hold, or up to its last send when sends ran late past the hold. */
    public synchronized double achievedRate() {
        if (sent == 0) return 0;
        return sent / (Math.max(holdNanos, lastSentNanos - startNanos) / 1e9);
    }

    /** How late each request was sent after its scheduled arrival. */
    public LatencyHistogram lag() {
        return lag;
    }
}
