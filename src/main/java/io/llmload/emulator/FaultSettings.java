package io.llmload.emulator;

import com.typesafe.config.Config;

import java.time.Duration;
import java.util.Locale;

/**
 * The emulator's injected faults ({@code emulator.faults}): what real servers do wrong, so a test
 * has ground truth for how the client copes. Each answer fault imitates something seen from a real
 * server or the kind of proxy in front of one.
 *
 * @param errorRate         share of completions answered with {@code errorStatus} instead
 * @param abortRate         share of streams whose connection is dropped half-way
 * @param answerFault       a hostile answer (see {@link AnswerFault}) given to {@code answerFaultRate} of completions
 * @param oversizedLineBytes the length of the {@link AnswerFault#OVERSIZED_LINE} line
 * @param closeAfterStream  > 0: a kept-alive connection closes this long after a streamed answer (while its
 *                          headers still say keep-alive, as llama.cpp's server does); a request sent on it
 *                          meanwhile is dropped unread
 * @param contextShiftTokens > 0: a prompt longer than this is cut to it and answered, with the cut count in
 *                          usage.prompt_tokens (llama.cpp's context shift), instead of a 400
 * @param errorsFrom        error-rate applies only to requests arriving this long after start (a server that
 *                          starts failing mid-run, at a known time)
 * @param loadingTime       for this long after start, /health and /v1/* answer 503 "Loading model" (llama.cpp's
 *                          server while it loads its model)
 * @param brokenToolCallRate share of tool calls whose arguments end before their JSON does (a model cut off
 *                          or a tool parser that lost a brace): arguments that are not JSON
 */
public record FaultSettings(double errorRate, int errorStatus, Duration errorsFrom, double abortRate, AnswerFault answerFault,
                            double answerFaultRate, int oversizedLineBytes, Duration closeAfterStream,
                            int contextShiftTokens, Duration loadingTime, double brokenToolCallRate) {

    /** Answers that break the protocol or the truth in one particular way. */
    public enum AnswerFault {
        NONE,
        /** 200, then {@code data: xxxx...} in 1 MiB writes that never end the line, until the client leaves */
        ENDLESS_LINE,
        /** 200, then one {@code data:} line of oversized-line-size bytes, then the end of the stream */
        OVERSIZED_LINE,
        /** a normal answer whose usage says 10^12 tokens (streamed and not) */
        HUGE_USAGE,
        /** 200, then llama.cpp's {@code error: {"code":400,"message":...}} line and {@code data: [DONE]}: no content */
        ERROR_LINE,
        /** 200, two content chunks, then vLLM's in-stream {@code data: {"error": {...}}} and [DONE] */
        ERROR_EVENT,
        /** 200, then a {@code data:} line that is not JSON, then [DONE] */
        UNPARSABLE_CHUNK,
        /** 200, then a content chunk with bytes that are not UTF-8, then [DONE] */
        INVALID_UTF8,
        /** 200, then an error line whose message carries terminal escapes, NUL, HTML and Markdown */
        CONTROL_BYTES,
        /** 200 with an HTML page (a captive portal, a proxy's sign-in page) */
        HTML_PAGE,
        /** 200, two content chunks, then silence with the connection open */
        STALL,
        /** a JSON answer whose Content-Length is longer than the body, then the connection closes */
        SHORT_BODY;

        static AnswerFault parse(String value) {
            for (AnswerFault f : values()) {
                if (f.key().equals(value)) return f;
            }
            StringBuilder keys = new StringBuilder();
            for (AnswerFault f : values()) keys.append(keys.length() == 0 ? "" : ", ").append(f.key());
            throw new IllegalArgumentException("emulator.faults.answer-fault must be one of " + keys + ", got '" + value + "'");
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static FaultSettings fromConfig(Config faults) {
        long oversized = faults.getBytes("oversized-line-size");
        if (oversized < 1 || oversized > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("emulator.faults.oversized-line-size must be between 1 byte and 2 GB");
        }
        return new FaultSettings(faults.getDouble("error-rate"), faults.getInt("error-status"), faults.getDuration("errors-from"),
                faults.getDouble("abort-rate"),
                AnswerFault.parse(faults.getString("answer-fault")), faults.getDouble("answer-fault-rate"), (int) oversized,
                faults.getDuration("close-after-stream"), faults.getInt("context-shift-tokens"), faults.getDuration("loading-time"),
                faults.getDouble("broken-tool-call-rate"));
    }
}
