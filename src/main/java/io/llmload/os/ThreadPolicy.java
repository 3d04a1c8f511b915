package io.llmload.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Linux scheduling policy for a thread of this process, set through util-linux's {@code chrt}
 * (the JDK has no sched_setscheduler). {@link #BATCH}: a woken thread does not preempt the one running on
 * its CPU, it waits for the scheduler's tick or for that thread to block. {@link #IDLE}: the thread
 * runs only when nothing else wants the CPU, and gives it up as soon as another thread wakes.
 */
public enum ThreadPolicy {
    NORMAL(0, "--other"),
    BATCH(3, "--batch"),
    IDLE(5, "--idle");

    /** The field of /proc/[tid]/stat that holds the policy. */
    private static final int POLICY_FIELD = 41;
    private static final long CHRT_TIMEOUT_SECONDS = 10;

    private final int number;
    private final String chrtOption;

    ThreadPolicy(int number, String chrtOption) {
        this.number = number;
        this.chrtOption = chrtOption;
    }

    /** Linux's number of the policy (sched.h), as /proc shows it. */
    public int number() {
        return number;
    }

    /** Gives the calling thread this policy; throws, saying why, where Linux or chrt cannot. */
    public void applyToCurrentThread() {
        applyTo(currentThreadId());
    }

    /** Gives thread {@code tid} of this process this policy; throws, saying why, where Linux or chrt cannot. */
    public void applyTo(String tid) {
        String failure;
        try {
            Process chrt = new ProcessBuilder("chrt", chrtOption, "--pid", "0", tid).redirectErrorStream(true).start();
            boolean done = chrt.waitFor(CHRT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String output = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            failure = !done ? "chrt did not finish" : chrt.exitValue() != 0 ? output : null;
        } catch (IOException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        if (failure == null && policyOf(tid) != number) failure = "the thread's policy did not change";
        if (failure != null) throw new IllegalStateException("needs Linux and chrt (util-linux): " + failure);
    }

    /** The calling thread's Linux scheduling policy number (0 = SCHED_OTHER, 3 = SCHED_BATCH, 5 = SCHED_IDLE). */
    public static int currentThreadPolicy() {
        return policyOf(Path.of("/proc/thread-self/stat"));
    }

    /** The scheduling policy number of thread {@code tid} of this process. */
    public static int policyOf(String tid) {
        return policyOf(Path.of("/proc/self/task", tid, "stat"));
    }

    private static int policyOf(Path stat) {
        try {
            return (int) ProcStat.read(stat).field(POLICY_FIELD);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + stat + ": " + e.getMessage(), e);
        }
    }

    private static String currentThreadId() {
        try {
            // "<pid>/task/<tid>"
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("needs Linux (/proc/thread-self): " + e.getMessage(), e);
        }
    }
}
