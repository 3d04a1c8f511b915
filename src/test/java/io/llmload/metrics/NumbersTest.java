package io.llmload.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    @Test
    void millisOfNanosIsExactPlainDecimalWithoutTrailingZeros() {
        assertThat(Numbers.millisOfNanos(2_084_377_709L)).isEqualTo("2084.377709");
        assertThat(Numbers.millisOfNanos(2_084_377_700L)).isEqualTo("2084.3777");
        assertThat(Numbers.millisOfNanos(12_000_000L)).isEqualTo("12.0");
        assertThat(Numbers.millisOfNanos(0)).isEqualTo("0.0");
        assertThat(Numbers.millisOfNanos(500)).isEqualTo("0.0005");
        assertThat(Numbers.millisOfNanos(1)).isEqualTo("0.000001");
        assertThat(Numbers.millisOfNanos(-500)).isEqualTo("-0.0005");
        assertThat(Numbers.millisOfNanos(-3_250_000L)).isEqualTo("-3.25");
    }

    @Test
    void millisOfNanosReadsBackAsTheDoubleItStandsFor() {
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 100_000; i++) {
            long nanos = random.nextLong(-1_000_000_000L, 3_600_000_000_000L);
            assertThat(Double.parseDouble(Numbers.millisOfNanos(nanos))).as("%d ns", nanos).isEqualTo(nanos / 1e6);
        }
    }
}
