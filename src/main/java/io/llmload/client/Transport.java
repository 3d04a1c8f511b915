package io.llmload.client;

import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Sends calls and reads their answers, bounded in time ({@code budget}, whatever the call is doing)
 * and size ({@link ReadLimits}). {@code done} runs exactly once, on a client thread, whatever
 * happens: an exception while starting the call included.
 */
public interface Transport extends AutoCloseable {

    /** @param loop the calling virtual user's event loop (the netty client reads on it; the JDK client ignores it) */
    void send(EventLoop loop, HttpCall call, Duration budget, ReadLimits limits, Consumer<Answer> done);

    /** Runs {@code task} after {@code delay}: on {@code loop} for the netty client, on a timer thread for the JDK client. */
    void schedule(EventLoop loop, Runnable task, Duration delay);

    /** What the start-up line calls this client. */
    String describe();

    @Override
    void close();
}
