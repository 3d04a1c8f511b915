package io.llmload.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * Keeps the JVM's JIT compiler threads (HotSpot's C1 and C2) from taking the CPU from the event
 * loops while the injector is light: under SCHED_IDLE a compiler thread runs only when nothing
 * else wants its core and gives it up as soon as a loop wakes, where at normal policy one compile
 * held a one-core injector for up to 10 ms while chunks waited (docs/benchmarks.md section 1).
 * A busy injector needs its compiler: starved of CPU, C2 never compiled the hot paths and a
 * 1,000-stream run fell seconds behind. So every second the CPU use of the process's other threads
 * is checked: after three seconds in a row below {@code idleBelow} of its cores the compiler threads
 * are made idle, and the first second above it makes them normal again.
 */
public final class JitThreads implements AutoCloseable {

    private static final long CHECK_EVERY_MILLIS = 1000;
    /** Light for this many checks in a row before the compiler is made idle: a run's first seconds, still ramping up, need it most. */
    private static final int LIGHT_CHECKS_BEFORE_IDLE = 3;
    private static final String[] COMPILER_THREAD_NAMES = {"C1 CompilerThre", "C2 CompilerThre"};
    private static final Path TASKS = Path.of("/proc/self/task");

    private final double idleBelow;
    private final DoubleSupplier coresUsed;
    private final ScheduledExecutorService timer;
    private boolean idle;
    private int lightChecks;
    private String failure;

    JitThreads(double idleBelow, DoubleSupplier coresUsed) {
        this.idleBelow = idleBelow;
        this.coresUsed = coresUsed;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmload-jit-scheduling");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the checks, the first a second from now: the compiler threads are idle while the
     * process's other threads use less than {@code idleBelow} of its available cores. Where Linux or
     * chrt cannot, says so once and leaves them as they are.
     */
    public static JitThreads idleWhileLight(double idleBelow) {
        JitThreads jit = new JitThreads(idleBelow, new ProcessCpu());
        jit.timer.scheduleAtFixedRate(jit::check, CHECK_EVERY_MILLIS, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        return jit;
    }

    /** Whether the compiler threads are idle now. */
    public synchronized boolean idle() {
        return idle;
    }

    synchronized void check() {
        if (failure != null) return;
        boolean light = coresUsed.getAsDouble() < idleBelow * Runtime.getRuntime().availableProcessors();
        lightChecks = light ? lightChecks + 1 : 0;
        if (lightChecks >= LIGHT_CHECKS_BEFORE_IDLE) {
            // again each time: a compiler thread started since (C2's count grows with its queue) is made idle too
            apply(ThreadPolicy.IDLE);
        } else if (!light && idle) {
            apply(ThreadPolicy.NORMAL);
        }
    }

    private void apply(ThreadPolicy policy) {
        try {
            for (String tid : compilerThreadIds()) {
                try {
                    if (ThreadPolicy.policyOf(tid) != policy.number()) policy.applyTo(tid);
                } catch (IllegalStateException e) {
                    // the JVM ends a compiler thread its queue no longer needs
                    if (Files.exists(TASKS.resolve(tid))) throw e;
                }
            }
            idle = policy == ThreadPolicy.IDLE;
        } catch (IllegalStateException e) {
            failure = e.getMessage();
            System.out.println("[llmload] injector.jit-thread-scheduling = idle not applied, the JIT's threads keep their scheduling: " + failure);
        }
    }

    /** The thread ids of this JVM's compiler threads. */
    public static List<String> compilerThreadIds() {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).trim();
                } catch (IOException ended) {
                    continue;
                }
                for (String compiler : COMPILER_THREAD_NAMES) {
                    if (name.startsWith(compiler)) ids.add(task.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("needs Linux (/proc/self/task): " + e.getMessage(), e);
        }
        return ids;
    }

    /** Stops the checks and gives the compiler threads back their normal policy (the JVM may run more). */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (idle && failure == null) apply(ThreadPolicy.NORMAL);
    }

    /**
     * The cores this process's threads other than the JIT's used since the last call, from their
     * CPU time in /proc: the compiler's own work, heaviest while it catches up, must not keep it at
     * normal policy.
     */
    private static final class ProcessCpu implements DoubleSupplier {
        /** Linux's USER_HZ: /proc counts CPU time in hundredths of a second on every architecture. */
        private static final double TICKS_PER_SECOND = 100;
        private static final int UTIME_FIELD = 14;
        private static final int STIME_FIELD = 15;

        private long lastNanos = System.nanoTime();
        private long lastTicks = ticksBesideCompiler();

        @Override
        public double getAsDouble() {
            long now = System.nanoTime();
            long ticks = ticksBesideCompiler();
            double cores = now > lastNanos ? (ticks - lastTicks) / TICKS_PER_SECOND / ((now - lastNanos) / 1e9) : 0;
            lastNanos = now;
            lastTicks = ticks;
            return cores;
        }

        private static long ticksBesideCompiler() {
            long compiler = 0;
            for (String tid : compilerThreadIds()) compiler += ticks(TASKS.resolve(tid).resolve("stat"));
            return ticks(Path.of("/proc/self/stat")) - compiler;
        }

        /** utime + stime of a /proc stat file (0 once its thread has ended). */
        private static long ticks(Path stat) {
            try {
                ProcStat fields = ProcStat.read(stat);
                return fields.field(UTIME_FIELD) + fields.field(STIME_FIELD);
            } catch (IOException | RuntimeException ended) {
                return 0;
            }
        }
    }
}
