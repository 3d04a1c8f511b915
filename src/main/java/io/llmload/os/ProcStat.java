package io.llmload.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A /proc/[pid]/stat or /proc/[pid]/task/[tid]/stat line, read by field number as proc(5) counts them. */
final class ProcStat {

    /** The first field after the command name, which is field 2 and may hold spaces ("(C2 CompilerThre)"). */
    private static final int FIRST_FIELD_AFTER_COMMAND = 3;

    private final String[] afterCommand;

    private ProcStat(String[] afterCommand) {
        this.afterCommand = afterCommand;
    }

    static ProcStat read(Path stat) throws IOException {
        String line = Files.readString(stat, StandardCharsets.US_ASCII);
        return new ProcStat(line.substring(line.lastIndexOf(')') + 2).trim().split(" "));
    }

    /** Field {@code number} (proc(5): 14 utime, 15 stime, 41 policy ...). */
    long field(int number) {
        return Long.parseLong(afterCommand[number - FIRST_FIELD_AFTER_COMMAND]);
    }
}
