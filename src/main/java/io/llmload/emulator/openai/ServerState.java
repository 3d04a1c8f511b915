package io.llmload.emulator.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.emulator.AnswerWriter;
import io.llmload.emulator.EmulatorSettings;
import io.llmload.emulator.GroundTruth;
import io.llmload.emulator.PrometheusText;
import io.llmload.emulator.RequestTrace;
import io.llmload.emulator.SeededDraw;
import io.llmload.emulator.engine.BatchingEngine;
import io.llmload.tokenizer.TokenCounter;
import io.netty.channel.EventLoop;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** What every connection of one emulator instance shares. */
public final class ServerState {

    private final EmulatorSettings settings;
    final BatchingEngine engine;
    final TokenCounter tokenizer = TokenCounter.cl100k();
    final AnswerWriter answers;
    final GroundTruth groundTruth;
    final PrometheusText metrics;
    final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong ordinals = new AtomicLong();
    private final AtomicLong droppedOnClosing = new AtomicLong();
    private final long startedNanos = System.nanoTime();

    public ServerState(EmulatorSettings settings, EventLoop engineLoop) {
        this.settings = settings;
        this.engine = new BatchingEngine(settings.engine(), engineLoop);
        this.answers = new AnswerWriter(settings.seed());
        this.groundTruth = new GroundTruth(settings.groundTruthCapacity());
        this.metrics = new PrometheusText(settings.modelName(), engine.stats());
    }

    /** Still within the loading-time fault: the model is "loading". */
    boolean loading() {
        return System.nanoTime() - startedNanos < settings.faults().loadingTime().toNanos();
    }

    /** Whether a request arriving at {@code arrivalNanos} is past faults.errors-from (error-rate applies to it). */
    boolean errorsOn(long arrivalNanos) {
        return arrivalNanos - startedNanos >= settings.faults().errorsFrom().toNanos();
    }

    public EmulatorSettings settings() {
        return settings;
    }

    public BatchingEngine engine() {
        return engine;
    }

    public GroundTruth groundTruth() {
        return groundTruth;
    }

    /** Runs the request path (tokenise, write an answer) until the JIT has compiled it. */
    public void warmUp(int rounds) {
        String prompt = "Categories:\n- Business: money\n- Sports: games\n\nItem 1: " + answers.prose(900, new Random(1))
                + "\n\nAnswer with a JSON array.";
        for (int i = 0; i < rounds; i++) {
            tokenizer.encode(prompt);
            tokenizer.pieces(answers.answer(prompt, settings.answerTokensMean(), answers.randomFor(prompt + i)));
        }
    }

    void requestDroppedOnClosingConnection() {
        droppedOnClosing.incrementAndGet();
    }

    /** Requests the close-after-stream fault dropped unread: sent on a connection the server was closing. */
    public long droppedOnClosingConnections() {
        return droppedOnClosing.get();
    }

    long nextOrdinal() {
        return ordinals.incrementAndGet();
    }

    /** A per-request draw in [0,1) that depends only on the seed and the arrival ordinal. */
    double faultDraw(long ordinal, int salt) {
        return SeededDraw.of(settings.seed(), ordinal, salt);
    }

    void record(RequestTrace trace) {
        groundTruth.add(trace);
        if (trace.status() == 200 && trace.firstTokenModelNanos() > 0) {
            metrics.observeRequest(trace.ttftModelMillis() / 1000.0, trace.e2eModelMillis() / 1000.0);
        }
    }
}
