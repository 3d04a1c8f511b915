package io.llmload.config;

import java.time.Duration;

/** Per-request SLOs (as vLLM's --goodput): a request counts toward goodput when it succeeds and meets all set ones (0 = not used). */
public record GoodputCriteria(Duration e2eMax, Duration ttftMax, Duration tpotMax) {

    public static final GoodputCriteria NONE = new GoodputCriteria(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public String describe() {
        StringBuilder out = new StringBuilder();
        if (!e2eMax.isZero()) out.append("e2e <= ").append(e2eMax.toMillis()).append(" ms");
        if (!ttftMax.isZero()) out.append(out.length() > 0 ? ", " : "").append("ttft <= ").append(ttftMax.toMillis()).append(" ms");
        if (!tpotMax.isZero()) out.append(out.length() > 0 ? ", " : "").append("tpot <= ").append(tpotMax.toMillis()).append(" ms");
        return out.length() == 0 ? "success only" : out.toString();
    }
}
