package io.llmload.prompts;

import io.llmload.config.InjectorSettings;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/** A Gatling feeder that never runs dry: record n of a numbered sequence, n counted from 0 across all virtual users. */
public final class EndlessFeeder implements Iterator<Map<String, Object>> {

    private final AtomicLong next = new AtomicLong();
    private final LongFunction<Map<String, Object>> record;

    private EndlessFeeder(LongFunction<Map<String, Object>> record) {
        this.record = record;
    }

    public static Iterator<Map<String, Object>> of(LongFunction<Map<String, Object>> record) {
        return new EndlessFeeder(record);
    }

    /** This injector's slice of the sequence: records index, index + count, index + 2 × count ... */
    public static Iterator<Map<String, Object>> of(InjectorSettings injector, LongFunction<Map<String, Object>> record) {
        return new EndlessFeeder(n -> record.apply(n * injector.count() + injector.index()));
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Map<String, Object> next() {
        return record.apply(next.getAndIncrement());
    }
}
