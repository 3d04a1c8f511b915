package io.llmload.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How the kernel schedules the emulator's IO threads ({@code emulator.io-thread-scheduling}).
 * {@code idle} puts them under Linux's SCHED_IDLE: any other thread that wakes up (the injector's
 * event loop reading a chunk the emulator just wrote) preempts them at once, as if the endpoint ran
 * on other cores. Set through util-linux's {@code chrt}: the JDK has no sched_setscheduler.
 */
public enum IoThreadScheduling {
    NORMAL,
    IDLE;

    /** Linux's policy number for SCHED_IDLE (sched.h), as /proc shows it. */
    public static final int SCHED_IDLE = 5;
    /** Field 41 of /proc/[tid]/stat, counted from the first field after the command name's ')' (field 3). */
    private static final int POLICY_INDEX_AFTER_COMMAND = 41 - 3;
    private static final long CHRT_TIMEOUT_SECONDS = 10;

    static IoThreadScheduling parse(String value) {
        return switch (value) {
            case "normal" -> NORMAL;
            case "idle" -> IDLE;
            default -> throw new IllegalArgumentException(
                    "emulator.io-thread-scheduling must be normal or idle, got '" + value + "'");
        };
    }

    /** Applies this setting to the calling thread; {@code NORMAL} leaves it as it is. */
    void applyToCurrentThread() {
        if (this == NORMAL) return;
        String tid = currentThreadId();
        String failure;
        try {
            Process chrt = new ProcessBuilder("chrt", "--idle", "--pid", "0", tid).redirectErrorStream(true).start();
            boolean done = chrt.waitFor(CHRT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String output = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            failure = !done ? "chrt did not finish" : chrt.exitValue() != 0 ? output : null;
        } catch (IOException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        if (failure == null && currentThreadPolicy() != SCHED_IDLE) failure = "the thread's policy did not change";
        if (failure != null) {
            throw new IllegalStateException("emulator.io-thread-scheduling = idle needs Linux and chrt (util-linux): " + failure);
        }
    }

    /** The calling thread's Linux scheduling policy (0 = SCHED_OTHER, 5 = SCHED_IDLE). */
    public static int currentThreadPolicy() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(fields[POLICY_INDEX_AFTER_COMMAND]);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("emulator.io-thread-scheduling: cannot read /proc/thread-self/stat: " + e.getMessage(), e);
        }
    }

    private static String currentThreadId() {
        try {
            // "<pid>/task/<tid>"
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("emulator.io-thread-scheduling = idle needs Linux (/proc/thread-self): " + e.getMessage(), e);
        }
    }
}
