package io.llmload.emulator.runpod;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One serverless job and its timeline; touched only on the endpoint's event loop. */
final class Job {

    static final String IN_QUEUE = "IN_QUEUE";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    static final String CANCELLED = "CANCELLED";
    static final String TIMED_OUT = "TIMED_OUT";

    final String id;
    final long ordinal;
    final int promptTokens;
    final List<String> answerPieces;
    final String finishReason;
    final boolean failureInjected;
    /** Injected fault: the job JSON reports delayTime and executionTime that cannot be true. */
    final boolean absurdTimes;
    final long submittedNanos;
    long startedNanos = -1;
    long finishedNanos = -1;
    String status = IN_QUEUE;
    String workerId;
    String error;
    private final List<Consumer<Job>> onTerminal = new ArrayList<>();

    Job(String id, long ordinal, int promptTokens, List<String> answerPieces, String finishReason,
        boolean failureInjected, boolean absurdTimes, long submittedNanos) {
        this.absurdTimes = absurdTimes;
        this.id = id;
        this.ordinal = ordinal;
        this.promptTokens = promptTokens;
        this.answerPieces = answerPieces;
        this.finishReason = finishReason;
        this.failureInjected = failureInjected;
        this.submittedNanos = submittedNanos;
    }

    boolean terminal() {
        return !IN_QUEUE.equals(status) && !IN_PROGRESS.equals(status);
    }

    /** RunPod's delayTime: submission until a worker started the job, in whole milliseconds. */
    long delayTimeMillis() {
        return startedNanos < 0 ? -1 : Math.round((startedNanos - submittedNanos) / 1e6);
    }

    /** RunPod's executionTime: the worker's handler time, in whole milliseconds. */
    long executionTimeMillis() {
        return startedNanos < 0 || finishedNanos < 0 ? -1 : Math.round((finishedNanos - startedNanos) / 1e6);
    }

    int outputTokens() {
        return COMPLETED.equals(status) ? answerPieces.size() : 0;
    }

    void whenTerminal(Consumer<Job> callback) {
        if (terminal()) callback.accept(this);
        else onTerminal.add(callback);
    }

    void end(String terminalStatus, long nanos, String errorText) {
        status = terminalStatus;
        finishedNanos = nanos;
        error = errorText;
    }

    /** Answers whoever waits for the end (runsync); after the ground truth has it. */
    void notifyTerminal() {
        for (Consumer<Job> callback : onTerminal) callback.accept(this);
        onTerminal.clear();
    }

    JobTrace trace() {
        return new JobTrace(id, status, workerId, delayTimeMillis(), executionTimeMillis(), promptTokens, outputTokens(),
                submittedNanos, startedNanos, finishedNanos, absurdTimes && COMPLETED.equals(status));
    }
}
