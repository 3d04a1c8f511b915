package io.llmload.run;

import io.llmload.config.GoodputCriteria;
import io.llmload.metrics.LlmMetrics;
import io.llmload.metrics.RequestRecord;
import io.llmload.metrics.SloSpec;
import io.llmload.report.Summary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertBandsTest {

    private static RequestRecord job(int level, long queueMs, long execMs) {
        return new RequestRecord("job", null, level, 0, new RequestRecord.Timing(0, 0, (queueMs + execMs + 5) * 1_000_000, -1, new long[0], false), new RequestRecord.Tokens(100, true, 100, 10, true, -1), new RequestRecord.Job(queueMs * 1_000_000, execMs * 1_000_000), null, 200, "id", 0, null);
    }

    @Test
    void anAlertWithoutALevelIsCheckedAtEveryLevelAndOverTheRun() {
        LlmMetrics metrics = new LlmMetrics(GoodputCriteria.NONE);
        for (int i = 0; i < 20; i++) metrics.record(job(1, 650, 2800));
        // 30 of the 50 jobs queued 3.9 s: the whole run's median is 3.9 s too
        for (int i = 0; i < 30; i++) metrics.record(job(4, 3900, 2810));
        SloSpec delay = new SloSpec("delay-p50", SloSpec.Metric.QUEUE, 50, LlmMetrics.ALL_LEVELS, 2000.0, null);
        List<Summary.Alert> out = AlertBands.evaluate(List.of(delay), metrics, "job");
        assertThat(out).extracting(Summary.Alert::level).containsExactly(1, 4, "all");
        assertThat(out).extracting(Summary.Alert::fired).containsExactly(false, true, true);
        assertThat(out.get(1).band()).isEqualTo("queue p50 at c=4 <= 2000 ms");
        assertThat(out.get(1).measured()).isBetween(3895.0, 3905.0);
    }
}
