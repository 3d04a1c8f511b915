package io.llmload.capacity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SlaProjectionTest {

    @Test
    void projectsHoursAndMarginFromTheMeasuredRate() {
        // 100,000 requests at 202 req/s: 100000 / 202 = 495.05 s = 0.137514 h; margin (24 - 0.137514) / 24 = 99.4270 %
        SlaProjection p = SlaProjection.of(100_000, 202.0, 24);
        assertThat(p.hours()).isCloseTo(0.137514, within(1e-6));
        assertThat(p.compliant()).isTrue();
        assertThat(p.marginPercent()).isCloseTo(99.4270, within(1e-4));
        // 17,000,000 at 202 req/s: 84158.42 s = 23.37734 h, margin 2.5944 %
        SlaProjection big = SlaProjection.of(17_000_000, 202.0, 24);
        assertThat(big.hours()).isCloseTo(23.37734, within(1e-5));
        assertThat(big.marginPercent()).isCloseTo(2.5944, within(1e-4));
        assertThat(big.compliant()).isTrue();
    }

    @Test
    void aVolumeBeyondTheWindowIsNotCompliantAndHasANegativeMargin() {
        // 1,000,000 at 10 req/s: 100000 s = 27.7778 h; margin (24 - 27.7778) / 24 = -15.7407 %
        SlaProjection p = SlaProjection.of(1_000_000, 10.0, 24);
        assertThat(p.hours()).isCloseTo(27.7778, within(1e-4));
        assertThat(p.compliant()).isFalse();
        assertThat(p.marginPercent()).isCloseTo(-15.7407, within(1e-4));
    }

    @Test
    void theWindowsCapacityAndTheNoThroughputCase() {
        assertThat(SlaProjection.capacityInWindow(202.0, 24)).isEqualTo(17_452_800L);
        SlaProjection none = SlaProjection.of(100, 0.0, 24);
        assertThat(none.compliant()).isFalse();
        assertThat(none.hours()).isInfinite();
        assertThat(SlaProjection.of(List.of(1L, 2L), 1.0, 1)).extracting(SlaProjection::volume).containsExactly(1L, 2L);
    }
}
