package io.llmload.emulator.inference;

import java.util.ArrayDeque;

/**
 * The server's concurrency gate: {@code permits} forward passes at once, up to {@code queueSize}
 * waiting in FIFO order, anything beyond rejected (HTTP 429). Used on one event loop only.
 */
final class Limiter {

    private final int permits;
    private final int queueSize;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inUse;

    Limiter(int permits, int queueSize) {
        this.permits = permits;
        this.queueSize = queueSize;
    }

    /** Runs {@code granted} now or when a permit frees up; false = rejected, the queue is full. */
    boolean acquire(Runnable granted) {
        if (inUse < permits) {
            inUse++;
            granted.run();
            return true;
        }
        if (waiting.size() >= queueSize) return false;
        waiting.add(granted);
        return true;
    }

    void release() {
        Runnable next = waiting.poll();
        if (next != null) {
            next.run();
        } else {
            inUse--;
        }
    }
}
