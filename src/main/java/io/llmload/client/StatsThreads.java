package io.llmload.client;

import io.gatling.core.actor.ActorSystem;
import io.llmload.os.ThreadPolicy;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gives Gatling's actor threads (its stats writers, controller and injector) the policy of
 * {@code injector.stats-thread-scheduling}, once per run, before load. Every response logged to
 * Gatling wakes a stats writer; at normal policy the woken thread preempts the event loop that
 * logged it, writes that one response and sleeps again, a context switch each way per response.
 * Under SCHED_BATCH it waits until the loop blocks or the tick comes, then writes what piled up.
 */
final class StatsThreads {

    /** How long the actor threads may take to gather and set their policy before the run goes on without it. */
    private static final long GATHER_SECONDS = 10;
    private static final Set<ActorSystem> SCHEDULED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private StatsThreads() {
    }

    /**
     * Sets {@code policy} on each of the system's threads, which Gatling sizes to the available
     * processors: as many tasks as threads, each holding its thread until all have one, so that each
     * runs on a thread of its own. The event loops are started first, from the calling thread: a thread
     * inherits its creator's policy, and Gatling's actors start the loops lazily. Where that fails (no
     * Linux, no chrt) the run says so once and goes on.
     */
    static void schedule(ActorSystem system, EventLoopGroup loops, ThreadPolicy policy) {
        if (policy == ThreadPolicy.NORMAL || !SCHEDULED.add(system)) return;
        Set<String> failures = ConcurrentHashMap.newKeySet();
        try {
            startEach(loops, failures);
            if (failures.isEmpty()) applyOnEachThread(system, policy, failures);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
        }
        if (!failures.isEmpty()) {
            System.out.println("[llmload] injector.stats-thread-scheduling = " + policy.name().toLowerCase(Locale.ROOT)
                    + " not applied, Gatling's stats threads keep their scheduling: " + String.join("; ", failures));
        }
    }

    private static void startEach(EventLoopGroup loops, Set<String> failures) throws InterruptedException {
        for (EventExecutor loop : loops) {
            try {
                loop.submit(() -> { }).get(GATHER_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                failures.add("Gatling's event loops did not start: " + e);
                return;
            }
        }
    }

    private static void applyOnEachThread(ActorSystem system, ThreadPolicy policy, Set<String> failures) throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        CountDownLatch gathered = new CountDownLatch(threads);
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            system.executionContext().execute(() -> {
                try {
                    gathered.countDown();
                    if (gathered.await(GATHER_SECONDS, TimeUnit.SECONDS)) policy.applyToCurrentThread();
                    else failures.add("Gatling's threads did not all start within " + GATHER_SECONDS + " s");
                } catch (IllegalStateException e) {
                    failures.add(e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        if (!done.await(2 * GATHER_SECONDS, TimeUnit.SECONDS)) failures.add("timed out");
    }
}
