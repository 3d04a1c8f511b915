package io.llmload.metrics;

import java.time.Duration;

/** Per-request SLOs (as vLLM's --goodput): a request counts toward goodput when it meets all set ones. */
public record GoodputCriteria(Duration e2eMax, Duration ttftMax, Duration tpotMax) {

    public static final GoodputCriteria NONE = new GoodputCriteria(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public boolean met(RequestRecord r) {
        if (!r.ok()) return false;
        if (!e2eMax.isZero() && r.e2eNanos() > e2eMax.toNanos()) return false;
        if (!ttftMax.isZero() && (r.ttftNanos() < 0 || r.ttftNanos() > ttftMax.toNanos())) return false;
        long tpot = r.tpotNanos();
        return tpotMax.isZero() || (tpot >= 0 && tpot <= tpotMax.toNanos());
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        if (!e2eMax.isZero()) out.append("e2e <= ").append(e2eMax.toMillis()).append(" ms");
        if (!ttftMax.isZero()) out.append(out.length() > 0 ? ", " : "").append("ttft <= ").append(ttftMax.toMillis()).append(" ms");
        if (!tpotMax.isZero()) out.append(out.length() > 0 ? ", " : "").append("tpot <= ").append(tpotMax.toMillis()).append(" ms");
        return out.length() == 0 ? "success only" : out.toString();
    }
}
