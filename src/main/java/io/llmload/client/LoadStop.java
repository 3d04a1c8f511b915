package io.llmload.client;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop the whole load early (a dead or drowning endpoint), set by whoever watches the
 * run; the next request action to end or to start carries it out by telling Gatling's controller to
 * stop the load generator. Every request ends within its budget, so the stop follows within one budget.
 */
public final class LoadStop {

    private volatile String reason;
    private final AtomicBoolean claimed = new AtomicBoolean();

    /** Asks for the stop; the first reason given is kept. */
    public synchronized void request(String why) {
        if (reason == null) reason = why;
    }

    /** The reason the stop was asked for, or null. */
    public String reason() {
        return reason;
    }

    /** True for exactly one caller once a stop was asked for: the one that tells Gatling. */
    boolean claim() {
        return reason != null && claimed.compareAndSet(false, true);
    }
}
