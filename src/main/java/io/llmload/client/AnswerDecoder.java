package io.llmload.client;

import io.llmload.metrics.Failure;

import java.io.IOException;

/**
 * Reads what one kind of endpoint answers: the events of a stream or a whole body, into typed
 * content the protocol then judges. The transport owns the framing (HTTP, Server-Sent Events,
 * limits, timing); a decoder owns the meaning of the bytes. One decoder reads one answer.
 */
public interface AnswerDecoder {

    /**
     * One streamed event's data ({@code data} is only valid during the call).
     * @return the content characters it carried (0: none; the first non-zero one is the first token)
     * @throws IOException when the event is not what this protocol sends (not JSON, not UTF-8)
     */
    int event(byte[] data, int length) throws IOException;

    /** Of the content characters the last {@link #event} carried, those of a reasoning model's thinking (0: none, or not such a protocol). */
    default int lastEventReasoningChars() {
        return 0;
    }

    /** Of the content characters the last {@link #event} carried, those of a tool call's arguments (0: none, or not such a protocol). */
    default int lastEventToolCallChars() {
        return 0;
    }

    /**
     * A whole (non-streamed) 2xx body.
     * @return the content characters it carried
     * @throws IOException when the body is not what this protocol sends
     */
    int body(byte[] data, int length) throws IOException;

    /** The error the server reported inside a 2xx answer (an {@code error} member of a chunk or body), or null. */
    String serverError();

    /** Whether an answer without content is a KO {@code empty_answer} (a completion), or fine (a job, an embedding). */
    default boolean contentRequired() {
        return false;
    }

    /** The KO of a non-2xx answer, from its (clipped) body: {@code HTTP <status>: <the server's message>} unless the protocol names it its way. */
    default Failure httpFailure(int status, String body) {
        return Failures.http(status, body);
    }

    /** Whether a stream of this protocol must end with {@code data: [DONE]}. */
    default boolean streamEndsWithDone() {
        return true;
    }
}
