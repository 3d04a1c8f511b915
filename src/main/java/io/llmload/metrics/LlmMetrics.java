package io.llmload.metrics;

import io.llmload.config.GoodputCriteria;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

/**
 * The run's LLM metric recorder: HdrHistograms per request name and load level, plus listeners
 * (e.g. the InfluxDB sink) that see every record. {@code level} 0 means "not part of a ladder".
 * Warm-up requests ({@link WarmUp}) have statistics of their own, outside the level's and the run's.
 */
public final class LlmMetrics {

    public static final int ALL_LEVELS = -1;

    private final GoodputCriteria goodput;
    private final double truncationRatio;
    private final Map<String, LevelStats> stats = new ConcurrentHashMap<>();
    private final Map<String, LevelStats> warmUpStats = new ConcurrentHashMap<>();
    /** The whole run's statistics again by the served model asked, and by the endpoint that answered (runs that mix several). */
    private final Map<String, LevelStats> byModel = new ConcurrentHashMap<>();
    private final Map<String, LevelStats> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, LevelStart> starts = new ConcurrentHashMap<>();
    private final WarmUp warmUp;
    /** A level's users on this injector (a scaled-out injector runs a share of each level). */
    private final IntUnaryOperator usersAtLevel;
    private final List<Consumer<RequestRecord>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** An open model's steps: levels whose number is not a concurrency. */
    private final Set<Integer> steps = ConcurrentHashMap.newKeySet();
    /** What a step is called in the summary ("4 req/s"), once known (a sweep decides its rates while it runs). */
    private final Map<Integer, String> levelNames = new ConcurrentHashMap<>();

    public LlmMetrics(GoodputCriteria goodput) {
        this(goodput, 0);
    }

    /**
     * @param truncationRatio a successful request whose server-reported prompt tokens are below this
     *                        share of the client's own count is counted as a truncated prompt (0 = off)
     */
    public LlmMetrics(GoodputCriteria goodput, double truncationRatio) {
        this(goodput, truncationRatio, WarmUp.NONE);
    }

    public LlmMetrics(GoodputCriteria goodput, double truncationRatio, WarmUp warmUp) {
        this(goodput, truncationRatio, warmUp, IntUnaryOperator.identity());
    }

    /** @param usersAtLevel how many of a level's users this process runs (its warm-up counts a request per user of its own) */
    public LlmMetrics(GoodputCriteria goodput, double truncationRatio, WarmUp warmUp, IntUnaryOperator usersAtLevel) {
        this.goodput = goodput;
        this.truncationRatio = truncationRatio;
        this.warmUp = warmUp;
        this.usersAtLevel = usersAtLevel;
    }

    public WarmUp warmUp() {
        return warmUp;
    }

    /** When a level's first request started, and how many have started there since. */
    private static final class LevelStart {
        final long firstNanos;
        final AtomicLong started = new AtomicLong();

        LevelStart(long firstNanos) {
            this.firstNanos = firstNanos;
        }
    }

    public GoodputCriteria goodput() {
        return goodput;
    }

    /** The share of the client's prompt count below which a server's prompt_tokens counts as truncated (0 = off). */
    public double truncationRatio() {
        return truncationRatio;
    }

    public void addListener(Consumer<RequestRecord> listener) {
        listeners.add(listener);
    }

    /** An action sent a request; its {@link #record} ends it. Returns whether it is a warm-up request of its level. */
    public boolean requestStarted(String request, int level) {
        inFlight.incrementAndGet();
        if (warmUp.isNone()) return false;
        long now = System.nanoTime();
        LevelStart start = starts.computeIfAbsent(key(request, level), k -> new LevelStart(now));
        // an open model's step (a named level) has no users to count requests of: only the warm-up's duration applies
        int users = steps.contains(level) ? 0 : usersAtLevel.applyAsInt(level);
        return warmUp.covers(users, start.started.getAndIncrement(), now - start.firstNanos);
    }

    /** How many of a level's users this process runs (all of them, unless it is one injector of several). */
    public int usersAt(int level) {
        return usersAtLevel.applyAsInt(level);
    }

    /** Requests sent and not yet recorded: in a closed model, the active users. */
    public int inFlight() {
        return Math.max(0, inFlight.get());
    }

    /** Ends a started request whose record could not be built (logged where it failed), so the run's end does not wait for it. */
    public void requestLost() {
        inFlight.decrementAndGet();
    }

    public void record(RequestRecord r) {
        inFlight.decrementAndGet();
        boolean good = meetsGoodput(r);
        boolean truncated = promptTruncated(r);
        if (r.warmUp()) {
            warmUpStats.computeIfAbsent(key(r.request(), r.level()), k -> new LevelStats(r.request(), r.level())).add(r, good, truncated);
            at(r.request(), r.level()).addLoad(r);
            overall(r.request()).addLoad(r);
            for (Consumer<RequestRecord> listener : listeners) listener.accept(r);
            return;
        }
        stats.computeIfAbsent(key(r.request(), r.level()), k -> new LevelStats(r.request(), r.level())).add(r, good, truncated);
        stats.computeIfAbsent(key(r.request(), ALL_LEVELS), k -> new LevelStats(r.request(), ALL_LEVELS)).add(r, good, truncated);
        if (r.model() != null) byModel.computeIfAbsent(key(r.request(), r.model()), k -> new LevelStats(r.request(), ALL_LEVELS)).add(r, good, truncated);
        if (r.endpoint() != null) byEndpoint.computeIfAbsent(key(r.request(), r.endpoint()), k -> new LevelStats(r.request(), ALL_LEVELS)).add(r, good, truncated);
        for (Consumer<RequestRecord> listener : listeners) {
            listener.accept(r);
        }
    }

    /** A successful request within every set goodput limit (vLLM's --goodput). */
    public boolean meetsGoodput(RequestRecord r) {
        if (!r.ok()) return false;
        long e2e = r.timing().e2eNanos();
        long ttft = r.timing().ttftNanos();
        if (!goodput.e2eMax().isZero() && e2e > goodput.e2eMax().toNanos()) return false;
        if (!goodput.ttftMax().isZero() && (ttft < 0 || ttft > goodput.ttftMax().toNanos())) return false;
        long tpot = r.tpotNanos();
        return goodput.tpotMax().isZero() || (tpot >= 0 && tpot <= goodput.tpotMax().toNanos());
    }

    /** The server counted far fewer prompt tokens than were sent: it cut the prompt (a context shift) and said nothing. */
    public boolean promptTruncated(RequestRecord r) {
        RequestRecord.Tokens t = r.tokens();
        return truncationRatio > 0 && r.ok() && t.promptFromUsage() && t.clientPrompt() > 0
                && t.prompt() < truncationRatio * t.clientPrompt();
    }

    /** Adds everything {@code other} measured (not its warm-up) to this: a sliding window made of time slices. */
    public void mergeFrom(LlmMetrics other) {
        other.stats.forEach((key, s) -> stats.computeIfAbsent(key, k -> new LevelStats(s.request(), s.level())).mergeFrom(s));
    }

    /** One request name at one level, as recorded: what an injector writes for the merge. */
    public record Part(String request, int level, boolean warmUp, LevelStats stats) {
    }

    /** Everything recorded: each request name at each level and over all levels, and the warm-up apart. */
    public List<Part> parts() {
        List<Part> out = new ArrayList<>();
        stats.values().forEach(s -> out.add(new Part(s.request(), s.level(), false, s)));
        warmUpStats.values().forEach(s -> out.add(new Part(s.request(), s.level(), true, s)));
        out.sort(Comparator.comparing(Part::warmUp).thenComparing(Part::request).thenComparingInt(Part::level));
        return out;
    }

    /** The statistics of one request name at one level (its warm-up's when {@code warmUp}) that {@link #parts} listed, to add a part to. */
    public LevelStats part(String request, int level, boolean warmUp) {
        return (warmUp ? warmUpStats : stats).computeIfAbsent(key(request, level), k -> new LevelStats(request, level));
    }

    /** Stats per level (ascending), without the all-levels roll-up. */
    public List<LevelStats> levels(String request) {
        List<LevelStats> out = new ArrayList<>();
        for (LevelStats s : stats.values()) {
            if (s.request().equals(request) && s.level() != ALL_LEVELS) out.add(s);
        }
        out.sort(Comparator.comparingInt(LevelStats::level));
        return out;
    }

    /** The warm-up requests per level (ascending), kept out of {@link #levels} and {@link #overall}. */
    public List<LevelStats> warmUpLevels(String request) {
        List<LevelStats> out = new ArrayList<>();
        for (LevelStats s : warmUpStats.values()) if (s.request().equals(request)) out.add(s);
        out.sort(Comparator.comparingInt(LevelStats::level));
        return out;
    }

    public LevelStats overall(String request) {
        return stats.computeIfAbsent(key(request, ALL_LEVELS), k -> new LevelStats(request, ALL_LEVELS));
    }

    /** Level {@code level} is an open model's step, not a concurrency; its number stays the key of SLOs and InfluxDB. */
    public void markStep(int level) {
        steps.add(level);
    }

    public boolean isStep(int level) {
        return steps.contains(level);
    }

    /** Names step {@code level} in the summary ("4 req/s"). */
    public void nameLevel(int level, String name) {
        markStep(level);
        levelNames.put(level, name);
    }

    /** The level's name, or null for a concurrency level. */
    public String levelName(int level) {
        return levelNames.get(level);
    }

    public LevelStats at(String request, int level) {
        return stats.computeIfAbsent(key(request, level), k -> new LevelStats(request, level));
    }

    private static String key(String request, Object level) {
        return request + "\u0000" + level;
    }

    /** A request's whole-run statistics by the served model each asked (empty unless the run mixes models), by name. */
    public Map<String, LevelStats> byModel(String request) {
        return breakdown(byModel, request);
    }

    /** A request's whole-run statistics by the endpoint that answered (empty unless the run spreads over several), by base URL. */
    public Map<String, LevelStats> byEndpoint(String request) {
        return breakdown(byEndpoint, request);
    }

    private static Map<String, LevelStats> breakdown(Map<String, LevelStats> all, String request) {
        Map<String, LevelStats> out = new TreeMap<>();
        String prefix = request + "\u0000";
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }
}
