package io.llmload.merge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges several injectors' Gatling {@code simulation.log} files into one, so that Gatling's own
 * reports-only mode draws one HTML report of the whole test (Gatling's documented way to spread a
 * test over hosts: run it on each, then build the report from all their logs).
 * <p>
 * Gatling 3.15 writes the log in a binary format: a run header (version, simulation, start epoch ms,
 * description, scenario names, assertions), then user, request, group and error records whose times
 * are milliseconds since that start and whose strings are cached per file (a string is written once
 * with a new positive id, later as its negated id). The merge rebases every time on the earliest
 * start, unites the scenario names and writes strings through one new cache.
 */
public final class SimulationLogMerger {

    private static final byte RUN = 0;
    private static final byte REQUEST = 1;
    private static final byte USER = 2;
    private static final byte GROUP = 3;
    private static final byte ERROR = 4;

    private SimulationLogMerger() {
    }

    /** The run header of one log. */
    record Header(byte[] gatlingVersion, byte[] simulationClass, long start, byte[] description, List<RawString> scenarios,
                  List<byte[]> assertions) {
    }

    /** A string as Gatling wrote it: its internal bytes and coder (0 Latin-1, 1 UTF-16), kept as they are. */
    record RawString(byte[] bytes, byte coder) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RawString r && r.coder == coder && Arrays.equals(r.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(bytes) + coder;
        }
    }

    /** Merges {@code logs} into {@code out}; returns how many request records it holds. */
    public static long merge(List<Path> logs, Path out) throws IOException {
        List<Header> headers = new ArrayList<>();
        for (Path log : logs) {
            try (DataInputStream in = open(log)) {
                headers.add(readHeader(in, log));
            }
        }
        long start = headers.stream().mapToLong(Header::start).min().orElseThrow();
        Map<RawString, Integer> scenarioIds = new LinkedHashMap<>();
        for (Header h : headers) for (RawString s : h.scenarios()) scenarioIds.putIfAbsent(s, scenarioIds.size());
        long requests = 0;
        try (DataOutputStream w = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16))) {
            Header first = headers.get(0);
            w.writeByte(RUN);
            writeBytes(w, first.gatlingVersion());
            writeBytes(w, first.simulationClass());
            w.writeLong(start);
            writeBytes(w, first.description());
            w.writeInt(scenarioIds.size());
            for (RawString s : scenarioIds.keySet()) writeString(w, s);
            w.writeInt(first.assertions().size());
            for (byte[] a : first.assertions()) {
                w.writeInt(a.length);
                w.write(a);
            }
            Map<RawString, Integer> cache = new HashMap<>();
            for (int i = 0; i < logs.size(); i++) {
                Header h = headers.get(i);
                int shift = Math.toIntExact(h.start() - start);
                int[] scenarioMap = h.scenarios().stream().mapToInt(scenarioIds::get).toArray();
                try (DataInputStream in = open(logs.get(i))) {
                    readHeader(in, logs.get(i));
                    requests += copyRecords(in, w, logs.get(i), shift, scenarioMap, cache);
                }
            }
        }
        return requests;
    }

    private static long copyRecords(DataInputStream in, DataOutputStream w, Path log, int shift, int[] scenarioMap,
                                    Map<RawString, Integer> cache) throws IOException {
        Map<Integer, RawString> strings = new HashMap<>();
        long requests = 0;
        while (true) {
            int type = in.read();
            if (type < 0) return requests;
            w.writeByte(type);
            switch (type) {
                case REQUEST -> {
                    copyGroups(in, w, strings, cache);
                    copyCached(in, w, strings, cache);
                    w.writeInt(in.readInt() + shift);
                    w.writeInt(in.readInt() + shift);
                    w.writeByte(in.readByte());
                    copyCached(in, w, strings, cache);
                    requests++;
                }
                case USER -> {
                    int scenario = in.readInt();
                    if (scenario < 0 || scenario >= scenarioMap.length) throw corrupt(log, "a user record of unknown scenario " + scenario);
                    w.writeInt(scenarioMap[scenario]);
                    w.writeByte(in.readByte());
                    w.writeInt(in.readInt() + shift);
                }
                case GROUP -> {
                    copyGroups(in, w, strings, cache);
                    w.writeInt(in.readInt() + shift);
                    w.writeInt(in.readInt() + shift);
                    w.writeInt(in.readInt());
                    w.writeByte(in.readByte());
                }
                case ERROR -> {
                    copyCached(in, w, strings, cache);
                    w.writeInt(in.readInt() + shift);
                }
                default -> throw corrupt(log, "an unknown record type " + type);
            }
        }
    }

    private static void copyGroups(DataInputStream in, DataOutputStream w, Map<Integer, RawString> strings,
                                   Map<RawString, Integer> cache) throws IOException {
        int groups = in.readInt();
        w.writeInt(groups);
        for (int g = 0; g < groups; g++) copyCached(in, w, strings, cache);
    }

    /** Reads a cached string of the source file and writes it through the merged file's cache. */
    private static void copyCached(DataInputStream in, DataOutputStream w, Map<Integer, RawString> strings,
                                   Map<RawString, Integer> cache) throws IOException {
        int id = in.readInt();
        RawString s;
        if (id > 0) {
            s = readString(in);
            strings.put(id, s);
        } else {
            s = strings.get(-id);
            if (s == null) throw new IOException("a reference to string " + (-id) + " that was never written");
        }
        Integer known = cache.get(s);
        if (known != null) {
            w.writeInt(-known);
        } else {
            int next = cache.size() + 1;
            cache.put(s, next);
            w.writeInt(next);
            writeString(w, s);
        }
    }

    private static Header readHeader(DataInputStream in, Path log) throws IOException {
        try {
            if (in.readByte() != RUN) throw corrupt(log, "no run header");
            byte[] version = readBytes(in);
            byte[] simulation = readBytes(in);
            long start = in.readLong();
            byte[] description = readBytes(in);
            int scenarioCount = in.readInt();
            List<RawString> scenarios = new ArrayList<>();
            for (int i = 0; i < scenarioCount; i++) scenarios.add(readString(in));
            int assertionCount = in.readInt();
            List<byte[]> assertions = new ArrayList<>();
            for (int i = 0; i < assertionCount; i++) {
                byte[] a = new byte[in.readInt()];
                in.readFully(a);
                assertions.add(a);
            }
            return new Header(version, simulation, start, description, scenarios, assertions);
        } catch (EOFException e) {
            throw corrupt(log, "a run header cut short");
        }
    }

    /** A whole string field (length, bytes, coder) as raw bytes, for fields copied unchanged. */
    private static byte[] readBytes(DataInputStream in) throws IOException {
        RawString s = readString(in);
        return s.bytes().length == 0 ? new byte[0] : concat(s);
    }

    private static byte[] concat(RawString s) {
        byte[] out = Arrays.copyOf(s.bytes(), s.bytes().length + 1);
        out[s.bytes().length] = s.coder();
        return out;
    }

    private static void writeBytes(DataOutputStream w, byte[] withCoder) throws IOException {
        if (withCoder.length == 0) {
            w.writeInt(0);
            return;
        }
        w.writeInt(withCoder.length - 1);
        w.write(withCoder);
    }

    private static RawString readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == 0) return new RawString(new byte[0], (byte) 0);
        if (length < 0) throw new IOException("a string of negative length " + length);
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new RawString(bytes, in.readByte());
    }

    private static void writeString(DataOutputStream w, RawString s) throws IOException {
        w.writeInt(s.bytes().length);
        if (s.bytes().length == 0) return;
        w.write(s.bytes());
        w.writeByte(s.coder());
    }

    private static DataInputStream open(Path log) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(log), 1 << 16));
    }

    private static IOException corrupt(Path log, String what) {
        return new IOException(log + ": not a Gatling 3.15 simulation.log (" + what + ")");
    }
}
