package io.llmload.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.config.ConfigError;
import io.llmload.config.Keys;
import io.llmload.config.LlmloadConfig;
import io.llmload.metrics.Numbers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The compare command: any two runs' summaries side by side (news, RunPod, inference, capacity,
 * batch), every figure with B ÷ A, and with {@code --rules <workload>} the regression rules of
 * {@code regression.<workload>} judged with B as tonight and A as the baseline (exit 3 on a
 * regression, like an SLO breach):
 * <pre>scripts/compare.sh target/gatling/news-a target/gatling/news-b --rules news</pre>
 */
public final class CompareMain {

    static final int REGRESSED = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CompareMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (ConfigError | IllegalArgumentException e) {
            System.err.println("llmload compare: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Prints the comparison; returns the exit code (0, or 3 when a regression rule failed). */
    static int run(String[] args) {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--rules"))) {
            throw new IllegalArgumentException("usage: compare <run A folder or llm-summary.json> <run B ...> [--rules <workload>]");
        }
        Path a = summaryFile(Path.of(args[0]));
        Path b = summaryFile(Path.of(args[1]));
        JsonNode sa = read(a);
        JsonNode sb = read(b);
        System.out.println("A = " + a + " (" + sa.path("simulation").asText() + ", run " + sa.path("run_id").asText() + ")");
        System.out.println("B = " + b + " (" + sb.path("simulation").asText() + ", run " + sb.path("run_id").asText() + ")");
        if (!sa.path("simulation").asText().equals(sb.path("simulation").asText())) {
            System.out.println("note: the runs are of different simulations");
        }
        System.out.println();
        System.out.print(table(figures(sa, sb)));
        if (sa.has("capacity") && sb.has("capacity")) {
            System.out.println();
            List<CapacityComparison.Row> rows = new ArrayList<>(CapacityComparison.compare(sa.get("capacity"), sb.get("capacity")));
            if (sa.has("capacity_cost") && sb.has("capacity_cost")) {
                // the A10 vs L20 question: which serves more per unit of money at its capacity
                String unit = sa.get("capacity_cost").path("currency").asText();
                rows.add(new CapacityComparison.Row("requests per " + unit + " at capacity",
                        sa.get("capacity_cost").path("requests_per_currency_unit").asDouble(), sb.get("capacity_cost").path("requests_per_currency_unit").asDouble()));
                rows.add(new CapacityComparison.Row("output tokens per " + unit + " at capacity",
                        sa.get("capacity_cost").path("output_tokens_per_currency_unit").asDouble(), sb.get("capacity_cost").path("output_tokens_per_currency_unit").asDouble()));
            }
            System.out.print(CapacityComparison.markdown(a.toString(), b.toString(), rows));
        }
        if (args.length == 2) return 0;
        LlmloadConfig config = LlmloadConfig.load();
        Keys section = config.section("regression");
        if (!section.has(args[3])) throw new ConfigError("regression." + args[3] + ": no such rules");
        List<RegressionRule> rules = RegressionRule.parseAll(section.section(args[3]));
        Bootstrap bootstrap = new Bootstrap(section.positiveInt("resamples"), section.number("confidence"), section.integer("seed"));
        List<Regression> verdicts = RegressionGate.compare(rules, a, b, sb.path("request").asText(), bootstrap);
        RegressionSection result = new RegressionSection(a.toString(), RegressionSection.METHOD, verdicts);
        System.out.print(result.markdown());
        return verdicts.stream().allMatch(Regression::passed) ? 0 : REGRESSED;
    }

    /** One compared figure of one request at one level. */
    record Figure(String request, String level, String name, double a, double b) {
    }

    static List<Figure> figures(JsonNode a, JsonNode b) {
        List<Figure> out = new ArrayList<>();
        List<JsonNode> requestsA = requests(a);
        for (JsonNode ra : requestsA) {
            JsonNode rb = null;
            for (JsonNode candidate : requests(b)) if (candidate.path("request").asText().equals(ra.path("request").asText())) rb = candidate;
            if (rb == null) continue;
            for (JsonNode la : ra.path("levels")) {
                for (JsonNode lb : rb.path("levels")) {
                    if (la.path("level").asText().equals(lb.path("level").asText())) add(out, ra.path("request").asText(), "c=" + la.path("level").asText(), la, lb);
                }
            }
            add(out, ra.path("request").asText(), "all", ra.path("overall"), rb.path("overall"));
        }
        return out;
    }

    private static List<JsonNode> requests(JsonNode summary) {
        List<JsonNode> out = new ArrayList<>();
        out.add(summary);
        summary.path("other_requests").forEach(out::add);
        return out;
    }

    private static void add(List<Figure> out, String request, String level, JsonNode a, JsonNode b) {
        String[][] fields = {
                {"requests", "requests"}, {"success %", "success_pct"}, {"requests/s", "requests_per_s"},
                {"output tokens/s", "output_tokens_per_s"}, {"latency p50 ms", "latency_ms/p50"}, {"latency p95 ms", "latency_ms/p95"},
                {"TTFT p95 ms", "ttft_ms/p95"}, {"ITL p95 ms", "itl_ms/p95"}, {"queue p50 ms", "job_breakdown/queue_ms/p50"},
                {"execution p50 ms", "job_breakdown/execution_ms/p50"}};
        for (String[] f : fields) {
            JsonNode va = a.at("/" + f[1]);
            JsonNode vb = b.at("/" + f[1]);
            if (va.isNumber() && vb.isNumber()) out.add(new Figure(request, level, f[0], va.asDouble(), vb.asDouble()));
        }
    }

    static String table(List<Figure> figures) {
        StringBuilder md = new StringBuilder("| request | level | figure | A | B | B ÷ A |\n|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            md.append("| ").append(f.request()).append(" | ").append(f.level()).append(" | ").append(f.name()).append(" | ")
              .append(Numbers.compact(f.a())).append(" | ").append(Numbers.compact(f.b())).append(" | ")
              .append(f.a() == 0 ? "-" : String.format(Locale.ROOT, "%.2f×", f.b() / f.a())).append(" |\n");
        }
        return md.toString();
    }

    private static Path summaryFile(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("llm-summary.json") : path;
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no llm-summary.json there");
        return file;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not an llm-summary.json (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
