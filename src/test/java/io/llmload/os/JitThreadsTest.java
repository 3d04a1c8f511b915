package io.llmload.os;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class JitThreadsTest {

    private static final double IDLE_BELOW = 0.25;
    private static final double LIGHT = 0.01;
    private static final double BUSY = 100;

    @Test
    void theCompilerThreadsAreIdleAfterThreeLightSecondsAndNormalAgainAtTheFirstBusyOne() {
        assertThat(JitThreads.compilerThreadIds()).as("this JVM's C1 and C2 threads").isNotEmpty();
        AtomicReference<Double> coresUsed = new AtomicReference<>(LIGHT);
        try (JitThreads jit = new JitThreads(IDLE_BELOW, coresUsed::get)) {
            jit.check();
            jit.check();
            assertThat(policies()).as("two light checks").containsOnly(ThreadPolicy.NORMAL.number());

            jit.check();
            assertThat(jit.idle()).isTrue();
            assertThat(policies()).containsOnly(ThreadPolicy.IDLE.number());

            coresUsed.set(BUSY);
            jit.check();
            assertThat(jit.idle()).isFalse();
            assertThat(policies()).containsOnly(ThreadPolicy.NORMAL.number());

            coresUsed.set(LIGHT);
            jit.check();
            jit.check();
            assertThat(policies()).as("light again, but not yet for three checks").containsOnly(ThreadPolicy.NORMAL.number());
        }
    }

    @Test
    void closingGivesTheCompilerThreadsBackTheirNormalPolicy() {
        JitThreads jit = new JitThreads(IDLE_BELOW, () -> LIGHT);
        for (int i = 0; i < 3; i++) jit.check();
        assertThat(policies()).containsOnly(ThreadPolicy.IDLE.number());

        jit.close();

        assertThat(policies()).containsOnly(ThreadPolicy.NORMAL.number());
    }

    /** The compiler threads' policies (a thread the JVM ended meanwhile is left out). */
    private static List<Integer> policies() {
        List<Integer> policies = new ArrayList<>();
        for (String tid : JitThreads.compilerThreadIds()) {
            try {
                policies.add(ThreadPolicy.policyOf(tid));
            } catch (IllegalStateException ended) {
                // gone since it was listed
            }
        }
        return policies;
    }
}
