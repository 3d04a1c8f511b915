package io.llmload.emulator.engine;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens for connections on other IO loops reach them on their loop, in order, one hand-over a loop a step. */
class StepDeliveriesTest {

    private static final int TOKENS = 25;
    private final List<EventLoop> loops = new ArrayList<>();

    @AfterEach
    void stop() {
        loops.forEach(l -> l.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    }

    private EventLoop loop(String name) {
        EventLoop loop = new DefaultEventLoop(new DefaultThreadFactory(name, true));
        loops.add(loop);
        return loop;
    }

    /** Records, per sequence, the thread and order of its calls. */
    private static final class RecordingSink implements TokenSink {
        private final Executor home;
        private final CountDownLatch finished;
        final List<String> calls = new ArrayList<>();

        RecordingSink(Executor home, CountDownLatch finished) {
            this.home = home;
            this.finished = finished;
        }

        @Override
        public Executor home() {
            return home;
        }

        @Override
        public void token(Sequence sequence, int index, String piece, long modelNanos) {
            calls.add(Thread.currentThread().getName().replaceAll("-\\d+-\\d+$", "") + ":" + piece);
        }

        @Override
        public void finished(Sequence sequence, String finishReason, long modelNanos) {
            calls.add(Thread.currentThread().getName().replaceAll("-\\d+-\\d+$", "") + ":" + finishReason);
            finished.countDown();
        }
    }

    @Test
    void eachSinkGetsItsTokensInOrderOnItsOwnLoopOrOnTheEnginesWhenItHasNone() throws Exception {
        EventLoop engineLoop = loop("engine");
        EventLoop other = loop("other");
        CountDownLatch finished = new CountDownLatch(3);
        RecordingSink onOther = new RecordingSink(other, finished);
        RecordingSink onEngine = new RecordingSink(engineLoop, finished);
        RecordingSink homeless = new RecordingSink(null, finished);
        EngineParameters params = new EngineParameters(8, 100_000, 4096, Duration.ofMillis(1), Duration.ZERO, Duration.ZERO, 0, 0, 0);
        BatchingEngine engine = new BatchingEngine(params, engineLoop);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) pieces.add("t" + i);
        for (RecordingSink sink : List.of(onOther, onEngine, homeless)) {
            engine.submit(new Sequence("s", 4, new long[0], pieces, "length", System.nanoTime(), sink));
        }

        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        other.submit(() -> { }).get();
        assertThat(onOther.calls).hasSize(TOKENS + 1).allMatch(c -> c.startsWith("other:"));
        assertThat(onEngine.calls).hasSize(TOKENS + 1).allMatch(c -> c.startsWith("engine:"));
        assertThat(homeless.calls).hasSize(TOKENS + 1).allMatch(c -> c.startsWith("engine:"));
        List<String> expected = new ArrayList<>(pieces);
        expected.add("length");
        for (RecordingSink sink : List.of(onOther, onEngine, homeless)) {
            assertThat(sink.calls.stream().map(c -> c.substring(c.indexOf(':') + 1)).toList()).isEqualTo(expected);
        }
    }
}
