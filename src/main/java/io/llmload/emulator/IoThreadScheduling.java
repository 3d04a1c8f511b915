package io.llmload.emulator;

import io.llmload.os.ThreadPolicy;

/**
 * How the kernel schedules the emulator's IO threads ({@code emulator.io-thread-scheduling}).
 * {@code idle} puts them under Linux's SCHED_IDLE: any other thread that wakes up (the injector's
 * event loop reading a chunk the emulator just wrote) preempts them at once, as if the endpoint ran
 * on other cores.
 */
public enum IoThreadScheduling {
    NORMAL,
    IDLE;

    /** Linux's policy number for SCHED_IDLE (sched.h), as /proc shows it. */
    public static final int SCHED_IDLE = ThreadPolicy.IDLE.number();

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
        try {
            ThreadPolicy.IDLE.applyToCurrentThread();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("emulator.io-thread-scheduling = idle " + e.getMessage(), e);
        }
    }
}
