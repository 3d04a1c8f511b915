package io.llmload.run;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.llmload.client.Requests;
import io.llmload.config.ConfigError;
import io.llmload.config.InjectorSettings;
import io.llmload.config.LoadSettings;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.Numbers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * An open model's steps as Gatling populations, one after the other (in the order they run): each step is a pool of
 * {@code max-concurrency} users taking the step's arrivals ({@link ArrivalSchedule}) in order, each
 * pausing until its arrival, sending, and taking the next. Steps are numbered from 1 (their level
 * number, which SLOs and InfluxDB use) and named in the summary by their rate ("4 req/s"); a sweep's
 * first two are "synchronous" (one request at a time) and "throughput" (the whole pool at once), and
 * its rates lie evenly between the two request rates they measured.
 */
public final class OpenSteps {

    private static final String NEXT_ARRIVAL = "llmload.nextArrival";

    /** One step: its level number, name and pool, and its schedule. */
    public record Step(int level, String name, int pool, ArrivalSchedule schedule) {
    }

    private final List<Step> steps = new ArrayList<>();

    /** @param request the request name whose measured rates a sweep's rates come from */
    public OpenSteps(LoadSettings load, InjectorSettings injector, LlmMetrics metrics, String request) {
        if (!load.open()) throw new IllegalArgumentException("a closed model has no open steps");
        if (load.model() == LoadSettings.Model.SWEEP && injector.scaledOut()) {
            throw new ConfigError("injector.count = " + injector.count() + ": a sweep decides its rates while it runs and cannot be split across"
                    + " injectors; run it on one, or give the rates (load.model = poisson)");
        }
        int pool = injector.share(load.maxConcurrency());
        if (load.model() == LoadSettings.Model.SWEEP) {
            // numbered by load (synchronous 1, the rates 2..n+1, throughput n+2) so tables and the
            // recommendation read from light to heavy; run synchronous, throughput, then the rates
            int throughputLevel = load.sweepRates() + 2;
            add(1, load, "synchronous", 1, () -> Double.POSITIVE_INFINITY);
            add(throughputLevel, load, "throughput", pool, () -> Double.POSITIVE_INFINITY);
            for (int i = 1; i <= load.sweepRates(); i++) {
                int k = i;
                add(1 + i, load, null, pool, () -> {
                    double synchronous = metrics.at(request, 1).requestsPerSecond();
                    double throughput = metrics.at(request, throughputLevel).requestsPerSecond();
                    return synchronous + k * (throughput - synchronous) / (load.sweepRates() + 1);
                });
            }
        } else {
            for (double rate : load.rates()) {
                add(steps.size() + 1, load, rateName(rate), pool, () -> injector.share(rate));
            }
        }
        for (Step step : steps) {
            metrics.markStep(step.level());
            if (step.name() != null) metrics.nameLevel(step.level(), step.name());
        }
    }

    private void add(int level, LoadSettings load, String name, int pool, DoubleSupplier rate) {
        steps.add(new Step(level, name, pool, new ArrivalSchedule(rate, load.burstiness(), load.holdTime(), load.seed() + level)));
    }

    /**
     * The steps' populations, in order.
     *
     * @param requestAtStep the chain a user runs for one arrival of step {@code level} (feeding and grouping included)
     * @param metrics       where a sweep names its rate steps once their rates are known
     */
    public List<PopulationBuilder> populations(IntFunction<ChainBuilder> requestAtStep, LlmMetrics metrics) {
        List<PopulationBuilder> out = new ArrayList<>();
        for (Step step : steps) {
            ArrivalSchedule schedule = step.schedule();
            ChainBuilder start = exec(session -> {
                if (step.name() == null) metrics.nameLevel(step.level(), name(step));
                return session.set(Requests.LEVEL_ATTRIBUTE, step.level());
            });
            out.add(scenario("step " + step.level() + (step.name() == null ? "" : " (" + step.name() + ")"))
                    .exec(start).exec(arrivals(schedule, requestAtStep.apply(step.level())))
                    .injectOpen(atOnceUsers(step.pool())));
        }
        return out;
    }

    /**
     * What one user of an open step's pool does: take the next arrival, wait for it, send
     * {@code request}, and again, until the schedule has no arrival left. (A pool's users run this at once.)
     */
    public static ChainBuilder arrivals(ArrivalSchedule schedule, ChainBuilder request) {
        ChainBuilder arrival = pause(session -> untilArrival(session.getLong(NEXT_ARRIVAL)))
                .exec(session -> {
                    schedule.sent(session.getLong(NEXT_ARRIVAL), System.nanoTime());
                    return session;
                })
                .exec(request)
                .exec(session -> session.set(NEXT_ARRIVAL, schedule.next(System.nanoTime())));
        return exec(session -> session.set(NEXT_ARRIVAL, schedule.next(System.nanoTime())))
                .asLongAs(session -> session.getLong(NEXT_ARRIVAL) != ArrivalSchedule.NONE).on(exec(arrival));
    }

    /** The Gatling group of step {@code level}'s requests. */
    public static String groupName(int level) {
        return "step " + level;
    }

    /** A step's name: given, or its rate once decided ("4.2 req/s"). */
    private static String name(Step step) {
        return step.name() != null ? step.name() : rateName(step.schedule().requestedRate());
    }

    private static String rateName(double rate) {
        return Numbers.compact(Numbers.round(rate)) + " req/s";
    }

    /** Gatling pauses in whole milliseconds: rounded up, so a request is never sent before its arrival. */
    private static Duration untilArrival(long arrivalNanos) {
        long wait = arrivalNanos - System.nanoTime();
        return wait <= 0 ? Duration.ZERO : Duration.ofMillis((wait + 999_999) / 1_000_000);
    }

    /** Each step's requested and achieved rate and scheduling lag, for the summary. */
    public RateStepsSection section() {
        List<RateStepsSection.Row> rows = new ArrayList<>();
        for (Step step : steps) {
            ArrivalSchedule s = step.schedule();
            if (!s.started()) continue;
            double requested = s.requestedRate();
            rows.add(new RateStepsSection.Row(step.level(), name(step), Double.isInfinite(requested) ? null : Numbers.round(requested),
                    s.sentCount(), Numbers.round(s.achievedRate()), step.pool(), Numbers.round(s.lag().percentileMillis(50)),
                    Numbers.round(s.lag().percentileMillis(99)), Numbers.round(s.lag().maxMillis())));
        }
        return new RateStepsSection(rows);
    }
}
