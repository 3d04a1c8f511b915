package io.llmload.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run is, beside what it measured: its simulation, id, target, model and times, and the
 * typed sections its workload contributed, in the order they were added.
 */
public final class RunFacts {

    private final String simulation;
    private final String runId;
    private final String target;
    private final String model;
    private final String started;
    private volatile String finished;
    private final Map<String, Section> sections = new LinkedHashMap<>();

    public RunFacts(String simulation, String runId, String target, String model, String started) {
        this.simulation = simulation;
        this.runId = runId;
        this.target = target;
        this.model = model;
        this.started = started;
    }

    /** Adds (or replaces) a section under its key. */
    public synchronized void add(Section section) {
        sections.put(section.key(), section);
    }

    /** A section contributed earlier, or null. */
    public synchronized Section section(String key) {
        return sections.get(key);
    }

    public synchronized Map<String, Section> sections() {
        return new LinkedHashMap<>(sections);
    }

    public void finished(String when) {
        finished = when;
    }

    public String simulation() {
        return simulation;
    }

    public String runId() {
        return runId;
    }

    public String target() {
        return target;
    }

    public String model() {
        return model;
    }

    public String started() {
        return started;
    }

    public String finished() {
        return finished;
    }
}
