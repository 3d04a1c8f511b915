package io.llmload.emulator.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One engine step's tokens for the sinks that live on other IO loops, grouped by loop: each loop gets
 * one task a step rather than one a token, so several loops share the writes at little hand-over cost.
 */
final class StepDeliveries {

    private record Delivery(Sequence sequence, int index) {
    }

    private final Executor engineThread;
    private final Map<Executor, List<Delivery>> byHome = new IdentityHashMap<>();

    StepDeliveries(Executor engineThread) {
        this.engineThread = engineThread;
    }

    /** Delivers at once when the sink lives on the engine's thread, else queues it for its home loop. */
    void add(Sequence sequence, int index, long nanos) {
        Executor home = sequence.sink().home();
        if (home == null || home == engineThread) {
            sequence.deliver(index, nanos);
        } else {
            byHome.computeIfAbsent(home, h -> new ArrayList<>()).add(new Delivery(sequence, index));
        }
    }

    /** Hands every other loop its share of the step, produced at {@code nanos}. */
    void send(long nanos) {
        if (byHome.isEmpty()) return;
        byHome.forEach((home, deliveries) -> home.execute(() -> {
            for (Delivery d : deliveries) d.sequence().deliver(d.index(), nanos);
        }));
        byHome.clear();
    }
}
