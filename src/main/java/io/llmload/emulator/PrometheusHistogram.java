package io.llmload.emulator;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram (cumulative buckets, count, sum) rendered in text format 0.0.4. */
public final class PrometheusHistogram {

    private final double[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    public PrometheusHistogram(double[] bounds) {
        this.bounds = bounds;
        this.buckets = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) buckets[i] = new LongAdder();
    }

    public void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) buckets[i].increment();
        }
        count.increment();
        sum.add(value);
    }

    /** @param labels the series' labels without braces, e.g. {@code model="bge-m3"} */
    public void render(StringBuilder out, String name, String help, String labels) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
           .append("# TYPE ").append(name).append(" histogram\n");
        for (int i = 0; i < bounds.length; i++) {
            out.append(name).append("_bucket{le=\"").append(bounds[i]).append("\",").append(labels).append("} ")
               .append(PrometheusText.num(buckets[i].sum())).append('\n');
        }
        out.append(name).append("_bucket{le=\"+Inf\",").append(labels).append("} ").append(PrometheusText.num(count.sum())).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(PrometheusText.num(count.sum())).append('\n');
        out.append(name).append("_sum{").append(labels).append("} ").append(sum.sum()).append('\n');
    }
}
