package io.llmload.client;

import io.gatling.javaapi.core.Session;

import java.time.Duration;

/**
 * The request seam: one kind of request a target answers (an OpenAI completion, an embedding, a
 * transcription, a RunPod job ...). A protocol builds the HTTP from a virtual user's session and
 * says what the answers mean; the one generic action ({@link RequestAction}) owns everything else:
 * timing, Gatling's statistics, the KO classification of transport failures, the record, the
 * resume. A new kind of target is one implementation of this interface and its settings; see the
 * README, "Add a request kind".
 */
public interface Protocol {

    /** Opens one request's exchange for this session (its prompt, texts, clip ...). */
    Exchange open(Session session, RunTarget target);

    /** One request's conversation with the target: the first call, then what each answer leads to. */
    interface Exchange {

        /** The first call. */
        HttpCall first();

        /** What an answer means: a final outcome, or another call (a status poll, say) after a delay. */
        Step next(Answer answer);

        /** The whole request's budget, from the first send: a completion's request timeout, a job's timeout. */
        Duration budget();

        /**
         * The budget ran out between calls (the last answer is given, or null before any): the
         * outcome, and perhaps a parting call (a job to cancel). By default the last answer's failure.
         */
        default Step expired(Answer last) {
            long budgetMillis = budget().toMillis();
            return Step.done(Outcome.failed(Failures.timeout(budgetMillis, false, false, last != null)));
        }

        /**
         * The session the virtual user goes on with once the outcome is recorded: by default the same;
         * a conversation keeps its history in it.
         */
        default Session after(Session session, Outcome outcome) {
            return session;
        }

        /** The text the client counts prompt tokens of (null: none). */
        default String promptText() {
            return null;
        }

        /** The output length the request asked the server for exactly (ignore_eos, min_tokens, a dataset's target), or -1. */
        default int requestedOutputTokens() {
            return -1;
        }

        /** The endpoint the request went to when it picked one of several (released when the request ends), or null. */
        default Endpoint pickedEndpoint() {
            return null;
        }

        /** The served model the request asked when the run mixes several, or null. */
        default String mixedModel() {
            return null;
        }

        /** Whether the answer was a tool call (its latency to the complete call is then recorded). */
        default boolean answeredWithToolCall() {
            return false;
        }
    }
}
