package io.llmload.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.emulator.RequestTrace;
import io.llmload.simulations.NewsCategorizationSimulation;
import io.llmload.simulations.ServingBenchmarkSimulation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The serving benchmark against the emulator's ground truth: synthetic prompt lengths as the emulator
 * counted them follow the configured distribution; every answer is as long as asked (ignore_eos,
 * min_tokens); Poisson and gamma arrivals reach the emulator with the configured mean and coefficient
 * of variation; a sweep's rate steps are sent at the rates it decided; the news workload takes the
 * same open model.
 */
class ServingIT {

    private static Map<String, String> keys(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "emulator.decode-step-base", "1ms", "emulator.decode-step-per-sequence", "0ms",
                "emulator.prefill-per-token", "1us", "emulator.prefix-cache-block-tokens", "0",
                "serving.output-length", "ignore-eos", "serving.warm-up.requests-per-user", "0"));
        keys.putAll(extra);
        return keys;
    }

    private static Map<String, String> smallRequests(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "serving.dataset.synthetic.input-tokens.distribution", "fixed", "serving.dataset.synthetic.input-tokens.mean", "32",
                "serving.dataset.synthetic.input-tokens.min", "32", "serving.dataset.synthetic.input-tokens.max", "32",
                "serving.dataset.synthetic.output-tokens.distribution", "fixed", "serving.dataset.synthetic.output-tokens.mean", "4",
                "serving.dataset.synthetic.output-tokens.min", "4", "serving.dataset.synthetic.output-tokens.max", "4"));
        keys.putAll(extra);
        return keys(keys);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double stddev(List<Double> values) {
        double mean = mean(values);
        return Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1));
    }

    /** The gaps between the requests' arrivals at the emulator, in milliseconds. */
    private static List<Double> arrivalGapsMillis(List<RequestTrace> traces) {
        List<RequestTrace> sorted = new ArrayList<>(traces);
        sorted.sort(Comparator.comparingLong(RequestTrace::arrivalNanos));
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) gaps.add((sorted.get(i).arrivalNanos() - sorted.get(i - 1).arrivalNanos()) / 1e6);
        return gaps;
    }

    @Test
    void syntheticPromptsReachTheServerWithTheConfiguredLengthsAndEveryAnswerIsAsLongAsAsked() throws Exception {
        try (Served served = Served.run(ServingBenchmarkSimulation.class, keys(Map.of(
                "serving.api", "completions", "serving.dataset.max-prompts", "1500", "serving.levels", "32",
                "serving.hold-time", "5s", "serving.dataset.synthetic.output-tokens.min", "4",
                "serving.dataset.synthetic.output-tokens.max", "24")))) {
            RunResult run = served.result();
            assertThat(run.exit()).as(run.console()).isZero();
            List<RequestTrace> traces = served.emulator().groundTruth().all();
            List<Double> promptTokens = traces.stream().map(t -> (double) t.promptTokens()).toList();
            System.out.printf("synthetic prompts: %d sent, prompt tokens at the server mean %.1f, sd %.1f (asked: normal 512, 128)%n",
                    promptTokens.size(), mean(promptTokens), stddev(promptTokens));
            assertThat(promptTokens).hasSizeGreaterThanOrEqualTo(1000);
            // the completions API sends the prompt as is: the server counts what the deck measured; 3 standard errors of the mean
            assertThat(mean(promptTokens)).isCloseTo(512, within(3 * 128 / Math.sqrt(promptTokens.size())));
            assertThat(stddev(promptTokens)).isCloseTo(128, within(128 * 0.08));
            assertThat(promptTokens).allSatisfy(n -> assertThat(n).isBetween(128.0, 1024.0));

            int asked = 0;
            for (JsonNode r : run.requests()) {
                assertThat(r.get("ok").asBoolean()).as("%s", r).isTrue();
                RequestTrace t = served.emulator().groundTruth().find(r.get("id").asText()).orElseThrow();
                int requested = r.get("requested_output_tokens").asInt();
                assertThat(requested).isBetween(4, 24);
                assertThat(r.get("output_tokens").asInt()).isEqualTo(requested).isEqualTo(t.completionTokens());
                assertThat(r.get("prompt_tokens").asInt()).isEqualTo(t.promptTokens());
                asked++;
            }
            JsonNode length = run.level("generate", 32).json().get("output_length");
            assertThat(length.get("requests").asLong()).isEqualTo(asked);
            assertThat(length.get("exact_pct").asDouble()).isEqualTo(100.0);
            assertThat(run.section("dataset").get("prompts").asInt()).isEqualTo(1500);
            assertThat(run.file("llm-summary.md")).contains("Output tokens asked for / received", "Dataset: synthetic: input normal(mean 512");
        }
    }

    @Test
    void minTokensGivesExactLengthsOnTheChatApiFromAJsonlFile() throws Exception {
        try (Served served = Served.run(ServingBenchmarkSimulation.class, keys(Map.of(
                "serving.output-length", "min-tokens", "serving.dataset.kind", "jsonl", "serving.dataset.file", "datasets/prompts-sample.jsonl",
                "serving.max-tokens", "30", "serving.levels", "4", "serving.hold-time", "2s")))) {
            RunResult run = served.result();
            assertThat(run.exit()).as(run.console()).isZero();
            List<JsonNode> requests = run.requests();
            assertThat(requests).hasSizeGreaterThan(8);
            for (JsonNode r : requests) {
                int requested = r.get("requested_output_tokens").asInt();
                assertThat(requested).isIn(120, 80, 40, 30, 16, 200, 150, 100);
                assertThat(r.get("output_tokens").asInt()).isEqualTo(requested);
            }
        }
    }

    @Test
    void poissonAndGammaArrivalsReachTheServerWithTheirMeanAndCoefficientOfVariation() throws Exception {
        for (double burstiness : new double[]{1.0, 0.25}) {
            try (Served served = Served.run(ServingBenchmarkSimulation.class, smallRequests(Map.of(
                    "serving.load.model", burstiness == 1.0 ? "poisson" : "gamma", "serving.load.burstiness", String.valueOf(burstiness),
                    "serving.load.rates", "100", "serving.hold-time", "10s")))) {
                RunResult run = served.result();
                assertThat(run.exit()).as(run.console()).isZero();
                List<Double> gaps = arrivalGapsMillis(served.emulator().groundTruth().all());
                double cv = stddev(gaps) / mean(gaps);
                System.out.printf("burstiness %.2f: %d arrivals, gap mean %.2f ms, CV %.3f (asked: 10 ms, %.2f)%n",
                        burstiness, gaps.size() + 1, mean(gaps), cv, 1 / Math.sqrt(burstiness));
                // within 3 standard errors of the mean gap (the gaps' own CV over √n)
                assertThat(mean(gaps)).isCloseTo(10.0, within(3 * 10.0 / Math.sqrt(burstiness) / Math.sqrt(gaps.size())));
                assertThat(cv).isCloseTo(1 / Math.sqrt(burstiness), within(0.15 / Math.sqrt(burstiness)));
                JsonNode step = run.section("load_steps").get("steps").get(0);
                assertThat(step.get("sent").asInt()).isEqualTo(gaps.size() + 1);
                assertThat(step.get("requested_rate_per_s").asDouble()).isEqualTo(100.0);
                assertThat(run.level("generate", 1).json().get("level").asText()).isEqualTo("100 req/s");
            }
        }
    }

    @Test
    void aSweepSendsItsRateStepsAtTheRatesItDecidedFromTheSynchronousAndThroughputSteps() throws Exception {
        try (Served served = Served.run(ServingBenchmarkSimulation.class, smallRequests(Map.of(
                "emulator.decode-step-base", "4ms", "serving.load.model", "sweep", "serving.load.sweep-rates", "2",
                "serving.load.max-concurrency", "16", "serving.load.burstiness", "100", "serving.hold-time", "3s")))) {
            RunResult run = served.result();
            assertThat(run.exit()).as(run.console()).isZero();
            double synchronous = run.level("generate", 1).requestsPerSecond();
            double throughput = run.level("generate", 4).requestsPerSecond();
            assertThat(throughput).isGreaterThan(3 * synchronous);
            JsonNode steps = run.section("load_steps").get("steps");
            assertThat(steps).extracting(s -> s.get("step").asInt()).containsExactly(1, 4, 2, 3);
            for (int k = 1; k <= 2; k++) {
                JsonNode step = steps.get(1 + k);
                double requested = step.get("requested_rate_per_s").asDouble();
                // evenly between the two measured rates (the summary's rounded to 0.01)
                assertThat(requested).isCloseTo(synchronous + k * (throughput - synchronous) / 3, within(0.02));
                assertThat(step.get("sent_rate_per_s").asDouble()).as("step %d sent at its rate", k + 1).isCloseTo(requested, within(requested * 0.05));
                assertThat(run.level("generate", 1 + k).json().get("level").asText()).isEqualTo(step.get("name").asText());
            }
            assertThat(run.file("llm-summary.md")).contains("### Load fidelity per step", "| 1 (synchronous) |", "| 4 (throughput) |");
        }
    }

    @Test
    void theNewsWorkloadRunsAnOpenModelOfRatesWithItsStepsNamedAndJudged() throws Exception {
        try (Served served = Served.run(NewsCategorizationSimulation.class, Map.of(
                "emulator.decode-step-base", "2ms", "news.max-tokens", "20", "news.validate-json-answer", "false",
                "news.load.model", "poisson", "news.load.rates", "5,10", "news.hold-time", "4s", "news.slo-level", "2",
                "news.warm-up.duration", "500ms"))) {
            RunResult run = served.result();
            assertThat(run.exit()).as(run.console()).isZero();
            assertThat(run.level("categorise", 2).json().get("level").asText()).isEqualTo("10 req/s");
            JsonNode steps = run.section("load_steps").get("steps");
            long sent = steps.get(0).get("sent").asLong() + steps.get(1).get("sent").asLong();
            assertThat(served.emulator().groundTruth().all()).hasSize((int) sent);
            assertThat(run.slos()).filteredOn(slo -> slo.name().equals("latency-p95-at-10")).singleElement()
                    .satisfies(slo -> assertThat(slo.message()).contains("latency p95 at step 2 (10 req/s) <= 3500 ms"));
            // an open step has no users: its warm-up is its first 500 ms only
            long warmUp = run.requests().stream().filter(r -> r.path("warm_up").asBoolean()).count();
            assertThat(warmUp).isPositive().isLessThan(sent / 4);
        }
    }
}
