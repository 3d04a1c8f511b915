package io.llmload.merge;

import io.llmload.report.InjectorResults;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The injectors' result folders of one scaled-out test, checked to belong together: the same
 * simulation, configuration (hash) and injector count, each index once, runs that overlap in time.
 * A folder without results (an injector that crashed or never ran) and an index nobody brought are
 * missing: the merge goes on with the rest and says the result is incomplete.
 */
public record InjectorSet(List<InjectorResults> present, List<Path> folders, int count, List<String> missing) {

    /** Folders that cannot be merged into one test; the message says which and why, on one line. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    public static InjectorSet read(List<Path> folders) {
        if (folders.isEmpty()) throw new Refused("no injector folders given");
        List<InjectorResults> present = new ArrayList<>();
        List<Path> presentFolders = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path folder : folders) {
            try {
                present.add(InjectorResults.read(folder));
                presentFolders.add(folder);
            } catch (IllegalArgumentException e) {
                unreadable.add(e.getMessage());
            }
        }
        if (present.isEmpty()) throw new Refused("no injector results to merge: " + String.join("; ", unreadable));
        InjectorResults first = present.get(0);
        Path firstFolder = presentFolders.get(0);
        Map<Integer, Path> byIndex = new TreeMap<>();
        for (int i = 0; i < present.size(); i++) {
            InjectorResults r = present.get(i);
            Path folder = presentFolders.get(i);
            if (!r.simulation().equals(first.simulation())) {
                throw new Refused(folder + " is a run of " + r.simulation() + ", " + firstFolder + " of " + first.simulation()
                        + ": different simulations do not merge");
            }
            if (!r.configHash().equals(first.configHash())) {
                throw new Refused(folder + " ran with another configuration than " + firstFolder + " (config hash " + r.configHash()
                        + " vs " + first.configHash() + "; every injector of a test takes the same keys but injector.index)");
            }
            if (r.injector().count() != first.injector().count()) {
                throw new Refused(folder + " is injector of " + r.injector().count() + ", " + firstFolder + " of " + first.injector().count());
            }
            Path twin = byIndex.put(r.injector().index(), folder);
            if (twin != null) throw new Refused(folder + " and " + twin + " are both injector.index " + r.injector().index());
        }
        long lastStart = present.stream().mapToLong(InjectorResults::startedMillis).max().orElseThrow();
        for (int i = 0; i < present.size(); i++) {
            InjectorResults r = present.get(i);
            if (r.finishedMillis() < lastStart) {
                throw new Refused(presentFolders.get(i) + " ran from " + Instant.ofEpochMilli(r.startedMillis()) + " to "
                        + Instant.ofEpochMilli(r.finishedMillis()) + ", before another injector started: not the same test run");
            }
        }
        int count = first.injector().count();
        List<String> missing = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            if (!byIndex.containsKey(index)) {
                missing.add("injector-" + index + (unreadable.isEmpty() ? " brought no folder" : " (" + String.join("; ", unreadable) + ")"));
            }
        }
        if (byIndex.size() + missing.size() != count) throw new Refused("injector indexes " + byIndex.keySet() + " do not fit injector.count " + count);
        return new InjectorSet(present, presentFolders, count, missing);
    }

    public InjectorResults first() {
        return present.get(0);
    }
}
