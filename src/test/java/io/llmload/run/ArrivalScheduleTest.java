package io.llmload.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Inter-arrival times of an open step: mean 1/rate, coefficient of variation 1/√burstiness (gamma), within the hold. */
class ArrivalScheduleTest {

    private static List<Double> gapsMillis(double rate, double burstiness, Duration hold) {
        ArrivalSchedule schedule = new ArrivalSchedule(() -> rate, burstiness, hold, 11);
        List<Double> gaps = new ArrayList<>();
        long start = 1_000_000_000L;
        long previous = schedule.next(start);
        assertThat(previous).as("the first arrival is the step's start").isEqualTo(start);
        for (long next = schedule.next(start); next != ArrivalSchedule.NONE; next = schedule.next(start)) {
            assertThat(next).isLessThan(start + hold.toNanos());
            gaps.add((next - previous) / 1e6);
            previous = next;
        }
        return gaps;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double cv(List<Double> values) {
        double mean = mean(values);
        return Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1)) / mean;
    }

    @Test
    void poissonGapsHaveMeanOneOverTheRateAndCoefficientOfVariationOne() {
        List<Double> gaps = gapsMillis(50, 1, Duration.ofSeconds(200));
        assertThat(gaps.size()).isCloseTo(10_000, within(300));
        assertThat(mean(gaps)).isCloseTo(20.0, within(0.6));
        assertThat(cv(gaps)).isCloseTo(1.0, within(0.04));
    }

    @Test
    void gammaGapsHaveTheBurstinessCoefficientOfVariation() {
        List<Double> bursty = gapsMillis(50, 0.25, Duration.ofSeconds(200));
        assertThat(mean(bursty)).isCloseTo(20.0, within(1.2));
        assertThat(cv(bursty)).as("1/√0.25").isCloseTo(2.0, within(0.12));
        List<Double> steady = gapsMillis(50, 4, Duration.ofSeconds(200));
        assertThat(mean(steady)).isCloseTo(20.0, within(0.3));
        assertThat(cv(steady)).as("1/√4").isCloseTo(0.5, within(0.03));
    }

    @Test
    void anUnboundedRateHandsEveryFreeUserItsArrivalAtOnceUntilTheHoldEnds() {
        ArrivalSchedule schedule = new ArrivalSchedule(() -> Double.POSITIVE_INFINITY, 1, Duration.ofSeconds(1), 1);
        assertThat(schedule.next(5)).isEqualTo(5);
        assertThat(schedule.next(900_000_000)).isEqualTo(900_000_000);
        assertThat(schedule.next(1_000_000_005)).isEqualTo(ArrivalSchedule.NONE);
        ArrivalSchedule none = new ArrivalSchedule(() -> 0, 1, Duration.ofSeconds(1), 1);
        assertThat(none.next(5)).as("a sweep that measured no throughput sends nothing").isEqualTo(ArrivalSchedule.NONE);
    }

    @Test
    void theLagAndTheAchievedRateComeFromTheSends() {
        ArrivalSchedule schedule = new ArrivalSchedule(() -> 10, 1, Duration.ofSeconds(2), 3);
        long arrival = schedule.next(0);
        schedule.sent(arrival, arrival + 3_000_000);
        schedule.sent(arrival, arrival + 2_500_000_000L);
        assertThat(schedule.lag().percentileMillis(50)).isCloseTo(3.0, within(0.01));
        // the last send came 2.5 s after the start, past the 2 s hold: 2 sends over 2.5 s
        assertThat(schedule.achievedRate()).isCloseTo(0.8, within(1e-9));
    }
}
