package io.llmload.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueType;

import java.time.Duration;
import java.util.List;

/**
 * The {@code runpod { ... }} workload section: which serverless endpoint, how jobs are sent and
 * polled, the job input, and the ramp and soak shapes.
 *
 * @param inputTemplate the {@code input} object as JSON, with {@value #PROMPT_PLACEHOLDER} where the prompt goes
 */
public record RunPodWorkload(String endpointId, String apiKeyEnv, Mode mode, Duration pollInterval, Duration jobTimeout,
                             String requestName, String promptsFile, String inputTemplate, Duration healthPollInterval,
                             List<Integer> rampLevels, int rampJobsPerLevel, int soakConcurrency, int soakJobs,
                             Duration soakDuration, GoodputCriteria goodput) {

    public static final String PROMPT_PLACEHOLDER = "{{prompt}}";

    /** sync: POST /runsync, then poll /status while IN_QUEUE/IN_PROGRESS; async: POST /run, then poll. */
    public enum Mode { SYNC, ASYNC }

    public static RunPodWorkload from(Keys runpod) {
        if (!runpod.has("input") || runpod.raw().getValue("input").valueType() != ConfigValueType.OBJECT) {
            throw new ConfigError(runpod.key("input") + ": expected an object, e.g. { prompt = \"{{prompt}}\" }");
        }
        String endpointId = runpod.nonBlank("endpoint-id");
        if (endpointId.isBlank() || endpointId.contains("/")) {
            throw new ConfigError(runpod.key("endpoint-id") + ": expected a RunPod endpoint id such as 4cqta56swdioxi, got \"" + endpointId + "\"");
        }
        Duration soakDuration = runpod.duration("soak.duration");
        if (soakDuration.isNegative()) throw new ConfigError(runpod.key("soak.duration") + ": must not be negative");
        Duration health = runpod.duration("health-poll-interval");
        if (health.isNegative()) throw new ConfigError(runpod.key("health-poll-interval") + ": must not be negative (0 = off)");
        return new RunPodWorkload(
                endpointId,
                runpod.string("api-key-env"),
                runpod.choice("mode", Mode.class),
                runpod.positiveDuration("poll-interval"),
                runpod.positiveDuration("job-timeout"),
                runpod.nonBlank("request-name"),
                runpod.string("prompts"),
                runpod.raw().getConfig("input").root().render(ConfigRenderOptions.concise()),
                health,
                runpod.positiveIntList("ramp.levels"),
                runpod.positiveInt("ramp.jobs-per-level"),
                runpod.positiveInt("soak.concurrency"),
                runpod.positiveInt("soak.jobs"),
                soakDuration,
                new GoodputCriteria(runpod.duration("goodput.e2e-max"), Duration.ZERO, Duration.ZERO));
    }

    /** The API key from the environment variable named by api-key-env, or null. Never logged. */
    public String apiKey() {
        return Environment.secret(apiKeyEnv);
    }
}
