package io.llmload.client;

import java.time.Duration;

/** What an answer leads to: the request's outcome (with perhaps a parting call sent without waiting), or another call. */
public sealed interface Step {

    static Step done(Outcome outcome) {
        return new Done(outcome, null);
    }

    /** Done, and {@code parting} is sent without waiting for its answer (a job to cancel). */
    static Step doneAfter(Outcome outcome, HttpCall parting) {
        return new Done(outcome, parting);
    }

    static Step then(HttpCall call, Duration after) {
        return new Then(call, after);
    }

    record Done(Outcome outcome, HttpCall parting) implements Step {
    }

    record Then(HttpCall call, Duration after) implements Step {
    }
}
