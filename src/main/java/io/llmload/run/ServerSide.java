package io.llmload.run;

import io.llmload.client.ServerScraper;
import io.llmload.metrics.LevelStats;
import io.llmload.metrics.Numbers;
import io.llmload.metrics.ServerMetricNames;
import io.llmload.report.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's side of each level, from its /metrics (and a DCGM exporter) sampled during the run:
 * running and waiting requests, KV-cache and GPU memory use (mean and max), the prefix-cache hit
 * rate and the server's own generation tokens/s over the level. Null figures were not exposed.
 */
public record ServerSide(List<Level> levels, List<String> notExposed, long failedScrapes) implements Section {

    public record Level(int level, int samples, Double runningMean, Double runningMax, Double waitingMean, Double waitingMax,
                        Double kvCacheMeanPct, Double kvCacheMaxPct, Double prefixCacheHitPct, Double serverGenerationTokensPerS,
                        Double gpuMemoryMaxPct, Double gpuMemoryMaxMib, Double gpuMemoryMeanMib, Double gpuUtilMeanPct) {
    }

    public static ServerSide of(ServerScraper scraper, List<LevelStats> levels) {
        List<ServerScraper.Reading> all = scraper.readings();
        List<Level> out = new ArrayList<>();
        for (LevelStats stats : levels) {
            if (stats.requests() == 0) continue;
            List<ServerScraper.Reading> in = all.stream()
                    .filter(r -> r.epochMillis() >= stats.firstStartMillis() && r.epochMillis() <= stats.lastEndMillis()).toList();
            if (in.isEmpty()) continue;
            out.add(new Level(stats.level(), in.size(), mean(in, ServerMetricNames.RUNNING), max(in, ServerMetricNames.RUNNING),
                    mean(in, ServerMetricNames.WAITING), max(in, ServerMetricNames.WAITING),
                    mean(in, ServerMetricNames.KV_CACHE_PCT), max(in, ServerMetricNames.KV_CACHE_PCT), prefixHitPct(in),
                    perSecond(in, ServerMetricNames.GENERATION_TOKENS), max(in, ServerMetricNames.GPU_MEMORY_PCT),
                    max(in, ServerMetricNames.GPU_MEMORY_MIB), mean(in, ServerMetricNames.GPU_MEMORY_MIB), mean(in, ServerMetricNames.GPU_UTIL_PCT)));
        }
        List<String> absent = new ArrayList<>();
        scraper.notExposed().forEach((uri, why) -> absent.add(uri + ": " + why));
        return new ServerSide(out, absent, scraper.failedScrapes());
    }

    private static List<Double> values(List<ServerScraper.Reading> in, String name) {
        return in.stream().map(r -> r.values().get(name)).filter(v -> v != null).toList();
    }

    private static Double mean(List<ServerScraper.Reading> in, String name) {
        List<Double> v = values(in, name);
        return v.isEmpty() ? null : Numbers.round(v.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    private static Double max(List<ServerScraper.Reading> in, String name) {
        List<Double> v = values(in, name);
        return v.isEmpty() ? null : Numbers.round(v.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    /** Counter deltas over the level (vLLM's hit and query tokens), or the server's own rate (SGLang). */
    private static Double prefixHitPct(List<ServerScraper.Reading> in) {
        Double hits = delta(in, ServerMetricNames.PREFIX_HITS);
        Double queries = delta(in, ServerMetricNames.PREFIX_QUERIES);
        if (hits != null && queries != null && queries > 0) return Numbers.round(100 * hits / queries);
        return mean(in, ServerMetricNames.PREFIX_HIT_PCT);
    }

    private static Double perSecond(List<ServerScraper.Reading> in, String counter) {
        Double d = delta(in, counter);
        if (d == null) return null;
        long millis = in.get(in.size() - 1).epochMillis() - in.get(0).epochMillis();
        return millis <= 0 ? null : Numbers.round(d / (millis / 1000.0));
    }

    private static Double delta(List<ServerScraper.Reading> in, String counter) {
        List<ServerScraper.Reading> with = in.stream().filter(r -> r.values().containsKey(counter)).toList();
        if (with.size() < 2) return null;
        return with.get(with.size() - 1).values().get(counter) - with.get(0).values().get(counter);
    }

    @Override
    public String key() {
        return "server_side";
    }

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("\n## The server's side\n\nFrom the server's /metrics (and DCGM when set), sampled during each level.\n\n");
        for (String absent : notExposed) md.append("- not exposed: ").append(absent).append('\n');
        if (levels.isEmpty()) return md.append(notExposed.isEmpty() ? "No sample fell inside a level.\n" : "").toString();
        md.append("\n| level | samples | running mean / max | waiting mean / max | KV cache % mean / max | prefix-cache hit % "
                + "| server gen tok/s | GPU memory % max | GPU util % mean |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Level l : levels) {
            md.append("| ").append(l.level()).append(" | ").append(l.samples()).append(" | ")
              .append(pair(l.runningMean(), l.runningMax())).append(" | ").append(pair(l.waitingMean(), l.waitingMax())).append(" | ")
              .append(pair(l.kvCacheMeanPct(), l.kvCacheMaxPct())).append(" | ").append(shown(l.prefixCacheHitPct())).append(" | ")
              .append(shown(l.serverGenerationTokensPerS())).append(" | ").append(shown(l.gpuMemoryMaxPct())).append(" | ")
              .append(shown(l.gpuUtilMeanPct())).append(" |\n");
        }
        return md.toString();
    }

    private static String pair(Double mean, Double max) {
        return mean == null ? "not exposed" : Numbers.fixed(mean, 1) + " / " + Numbers.fixed(max, 1);
    }

    private static String shown(Double v) {
        return v == null ? "not exposed" : Numbers.fixed(v, 1);
    }

}
