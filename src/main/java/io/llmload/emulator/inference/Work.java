package io.llmload.emulator.inference;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** One request inside the server model: what it needs computed, and whether it was already answered. */
final class Work {

    final String capability;
    final long arrivalNanos;
    final Reply reply;
    /** embeddings: the uncached texts; chat: the answer's token pieces */
    final List<String> pieces;
    final int chars;
    final int images;
    final boolean stream;
    final double audioSeconds;
    /** writes the 200 answer (the whole body, or the end of a stream) */
    Consumer<Work> onDone = w -> { };
    /** streams token {@code index} of a chat answer */
    IntConsumer onToken = i -> { };
    boolean answered;
    ScheduledFuture<?> timeout;

    Work(String capability, long arrivalNanos, Reply reply, List<String> pieces, int chars, int images, boolean stream,
         double audioSeconds) {
        this.capability = capability;
        this.arrivalNanos = arrivalNanos;
        this.reply = reply;
        this.pieces = pieces;
        this.chars = chars;
        this.images = images;
        this.stream = stream;
        this.audioSeconds = audioSeconds;
    }

    /** Units a batch counts: texts for embeddings, requests otherwise. */
    int units() {
        return InferenceMetrics.EMBEDDING.equals(capability) ? Math.max(1, pieces.size()) : 1;
    }
}
