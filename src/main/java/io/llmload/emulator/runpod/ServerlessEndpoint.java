package io.llmload.emulator.runpod;

import io.llmload.emulator.SeededDraw;
import io.llmload.emulator.engine.BatchingEngine;
import io.llmload.emulator.engine.EngineParameters;
import io.llmload.emulator.engine.Sequence;
import io.llmload.emulator.engine.TokenSink;
import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A RunPod serverless endpoint: a FIFO job queue, workers that run one job each, and RunPod's
 * autoscaler (REQUEST_COUNT or QUEUE_DELAY, workersMin..workersMax, cold start, idle timeout).
 * Execution time comes from each worker's engine model. All state lives on one event loop.
 */
public final class ServerlessEndpoint {

    private final RunPodSettings settings;
    private final EventLoop loop;
    private final EngineParameters workerEngine;
    private final long seed;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private final Map<String, Job> jobs;
    private final List<JobTrace> finished = Collections.synchronizedList(new ArrayList<>());
    private long workerOrdinal;
    private long completed;
    private long failed;
    private long coldStarts;
    private final AtomicLong statusRequests = new AtomicLong();

    public ServerlessEndpoint(RunPodSettings settings, EngineParameters emulatorEngine, long seed, EventLoop loop) {
        this.settings = settings;
        this.loop = loop;
        this.seed = seed;
        // a worker is one GPU serving one job: a batch of one at the worker's decode speed
        this.workerEngine = new EngineParameters(1, Integer.MAX_VALUE, emulatorEngine.maxModelLen(), settings.decodeStep(),
                Duration.ZERO, emulatorEngine.prefillPerToken(), 0, 0, 0);
        int retention = Math.max(1, settings.jobRetention());
        this.jobs = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
                return size() > retention && eldest.getValue().terminal();
            }
        };
        loop.execute(() -> {
            long now = System.nanoTime();
            for (int i = 0; i < settings.workersMin(); i++) workers.add(newWorker(Worker.State.IDLE, now));
            if (settings.scalerType() == RunPodSettings.ScalerType.QUEUE_DELAY) {
                long every = settings.scalerInterval().toNanos();
                loop.scheduleAtFixedRate(this::queueDelayScaler, every, every, TimeUnit.NANOSECONDS);
            }
        });
    }

    public RunPodSettings settings() {
        return settings;
    }

    EventLoop loop() {
        return loop;
    }

    /** Every finished job (completed, failed, timed out or cancelled), in finishing order. */
    public List<JobTrace> finishedJobs() {
        synchronized (finished) {
            return new ArrayList<>(finished);
        }
    }

    /** Workers started after a cold start, not counting the workersMin that were ready from the start. */
    public long coldStarts() {
        return coldStarts;
    }

    /** GET /status calls answered so far (how often clients polled). */
    public long statusRequests() {
        return statusRequests.get();
    }

    void countStatusRequest() {
        statusRequests.incrementAndGet();
    }

    /** Queues a job (on the loop). */
    void submit(Job job) {
        jobs.put(job.id, job);
        queue.add(job);
        loop.schedule(this::dispatch, settings.dispatchDelay().toNanos(), TimeUnit.NANOSECONDS);
        rescale();
    }

    Job find(String id) {
        return jobs.get(id);
    }

    /** Cancels a queued or running job; a finished job stays as it is. */
    void cancel(Job job) {
        if (job.terminal()) return;
        long now = System.nanoTime();
        if (Job.IN_QUEUE.equals(job.status)) {
            queue.remove(job);
            finish(job, Job.CANCELLED, now, null);
        } else {
            Worker worker = workerOf(job);
            if (worker != null) worker.sequence.cancel();
            finish(job, Job.CANCELLED, now, null);
            if (worker != null) freed(worker, now);
        }
    }

    /** RunPod's /health body. */
    Map<String, Object> health() {
        int idle = 0, running = 0, initializing = 0, inProgress = 0;
        for (Worker w : workers) {
            switch (w.state) {
                case IDLE -> idle++;
                case RUNNING -> { running++; inProgress++; }
                case INITIALIZING -> initializing++;
            }
        }
        Map<String, Object> jobCounts = new LinkedHashMap<>();
        jobCounts.put("completed", completed);
        jobCounts.put("failed", failed);
        jobCounts.put("inProgress", inProgress);
        jobCounts.put("inQueue", queue.size());
        jobCounts.put("retried", 0);
        Map<String, Object> workerCounts = new LinkedHashMap<>();
        workerCounts.put("idle", idle);
        workerCounts.put("initializing", initializing);
        workerCounts.put("ready", idle + running);
        workerCounts.put("running", running);
        workerCounts.put("throttled", 0);
        workerCounts.put("unhealthy", 0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobs", jobCounts);
        out.put("workers", workerCounts);
        return out;
    }

    double draw(long ordinal, int salt) {
        return SeededDraw.of(seed, ordinal, salt);
    }

    private void dispatch() {
        long now = System.nanoTime();
        long ready = settings.dispatchDelay().toNanos();
        while (!queue.isEmpty() && now - queue.peek().submittedNanos >= ready) {
            Worker idle = firstIdle();
            if (idle == null) return;
            start(idle, queue.poll(), now);
        }
    }

    private void start(Worker worker, Job job, long now) {
        worker.run(job, now, new TokenSink() {
            @Override
            public void token(Sequence sequence, int index, String piece, long modelNanos) {
            }

            @Override
            public void finished(Sequence sequence, String finishReason, long modelNanos) {
                if (job.terminal()) return;
                if (job.failureInjected) {
                    finish(job, Job.FAILED, modelNanos, "handler raised an exception: injected fault (emulator.runpod.faults.failed-rate)");
                } else {
                    finish(job, Job.COMPLETED, modelNanos, null);
                }
                freed(worker, modelNanos);
            }
        });
        worker.executionTimeout = loop.schedule(() -> {
            if (worker.job != job || job.terminal()) return;
            worker.sequence.cancel();
            long end = System.nanoTime();
            finish(job, Job.TIMED_OUT, end, "job exceeded the execution timeout of " + settings.executionTimeout().toMillis() + " ms");
            freed(worker, end);
        }, settings.executionTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void finish(Job job, String status, long nanos, String error) {
        job.end(status, nanos, error);
        if (Job.COMPLETED.equals(status)) completed++;
        else failed++;
        finished.add(job.trace());
        job.notifyTerminal();
    }

    private void freed(Worker worker, long now) {
        worker.release(now);
        scheduleIdleCheck(worker);
        dispatch();
        rescale();
    }

    private Worker workerOf(Job job) {
        for (Worker w : workers) if (w.job == job) return w;
        return null;
    }

    private Worker firstIdle() {
        for (Worker w : workers) if (w.state == Worker.State.IDLE) return w;
        return null;
    }

    private Worker newWorker(Worker.State state, long now) {
        return new Worker(settings.endpointId() + "-worker-" + (++workerOrdinal), new BatchingEngine(workerEngine, loop), state, now);
    }

    private int inProgress() {
        int n = 0;
        for (Worker w : workers) if (w.state == Worker.State.RUNNING) n++;
        return n;
    }

    private int desiredWorkers() {
        int desired = settings.scalerType() == RunPodSettings.ScalerType.REQUEST_COUNT
                ? (queue.size() + inProgress() + settings.scalerValue() - 1) / settings.scalerValue()
                : workers.size();
        return Math.max(settings.workersMin(), Math.min(settings.workersMax(), desired));
    }

    private int scaleDownFloor() {
        return settings.scalerType() == RunPodSettings.ScalerType.REQUEST_COUNT ? desiredWorkers() : settings.workersMin();
    }

    private void rescale() {
        int desired = desiredWorkers();
        while (workers.size() < desired) addColdWorker();
    }

    private void queueDelayScaler() {
        Job oldest = queue.peek();
        if (oldest != null && workers.size() < settings.workersMax()
                && System.nanoTime() - oldest.submittedNanos > TimeUnit.SECONDS.toNanos(settings.scalerValue())) {
            addColdWorker();
        }
    }

    private void addColdWorker() {
        Worker worker = newWorker(Worker.State.INITIALIZING, System.nanoTime());
        workers.add(worker);
        coldStarts++;
        loop.schedule(() -> {
            worker.state = Worker.State.IDLE;
            worker.idleSinceNanos = System.nanoTime();
            scheduleIdleCheck(worker);
            dispatch();
        }, settings.coldStart().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void scheduleIdleCheck(Worker worker) {
        long idleSince = worker.idleSinceNanos;
        loop.schedule(() -> {
            if (worker.state == Worker.State.IDLE && worker.idleSinceNanos == idleSince
                    && workers.size() > scaleDownFloor()) {
                workers.remove(worker);
            }
        }, settings.idleTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }
}
