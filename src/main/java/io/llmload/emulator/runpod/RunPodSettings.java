package io.llmload.emulator.runpod;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * The emulated RunPod serverless endpoint ({@code emulator.runpod { ... }}): its autoscaler as
 * RunPod's console sets it, and the worker's model speed.
 *
 * @param dispatchDelay  time from submission until a ready worker can pick the job up (RunPod's
 *                       own hand-off, part of {@code delayTime} even with idle workers)
 * @param runsyncWait    how long {@code /runsync} holds the request before answering IN_QUEUE/IN_PROGRESS
 * @param scalerInterval how often the QUEUE_DELAY scaler looks at the queue
 */
public record RunPodSettings(
        String endpointId,
        int workersMin,
        int workersMax,
        ScalerType scalerType,
        int scalerValue,
        Duration idleTimeout,
        Duration coldStart,
        Duration dispatchDelay,
        Duration runsyncWait,
        Duration executionTimeout,
        Duration scalerInterval,
        Duration decodeStep,
        int answerTokensMean,
        int answerTokensSpread,
        double failedRate,
        double httpErrorRate,
        int httpErrorStatus,
        double absurdTimesRate,
        int jobRetention) {

    /** RunPod's two autoscaling strategies. */
    public enum ScalerType {
        /** desired workers = ceil((jobs in queue + in progress) / scalerValue) */
        REQUEST_COUNT,
        /** one more worker whenever the oldest queued job has waited longer than scalerValue seconds */
        QUEUE_DELAY
    }

    public RunPodSettings {
        if (workersMin < 0) throw new IllegalArgumentException("emulator.runpod.workers-min must be >= 0");
        if (workersMax < Math.max(1, workersMin)) {
            throw new IllegalArgumentException("emulator.runpod.workers-max must be >= 1 and >= workers-min");
        }
        if (scalerValue < 1) throw new IllegalArgumentException("emulator.runpod.scaler-value must be >= 1");
        if (answerTokensMean < 1) throw new IllegalArgumentException("emulator.runpod.answer-tokens-mean must be >= 1");
    }

    public static RunPodSettings fromConfig(Config runpod) {
        String scaler = runpod.getString("scaler-type");
        ScalerType type;
        try {
            type = ScalerType.valueOf(scaler);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("emulator.runpod.scaler-type must be REQUEST_COUNT or QUEUE_DELAY, got '" + scaler + "'");
        }
        return new RunPodSettings(
                runpod.getString("endpoint-id"),
                runpod.getInt("workers-min"),
                runpod.getInt("workers-max"),
                type,
                runpod.getInt("scaler-value"),
                runpod.getDuration("idle-timeout"),
                runpod.getDuration("cold-start"),
                runpod.getDuration("dispatch-delay"),
                runpod.getDuration("runsync-wait"),
                runpod.getDuration("execution-timeout"),
                runpod.getDuration("scaler-interval"),
                runpod.getDuration("decode-step"),
                runpod.getInt("answer-tokens-mean"),
                runpod.getInt("answer-tokens-spread"),
                runpod.getDouble("faults.failed-rate"),
                runpod.getDouble("faults.http-error-rate"),
                runpod.getInt("faults.http-error-status"),
                runpod.getDouble("faults.absurd-times-rate"),
                runpod.getInt("job-retention"));
    }
}
