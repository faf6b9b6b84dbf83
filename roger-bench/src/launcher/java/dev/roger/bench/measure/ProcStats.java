package dev.roger.bench.measure;

import dev.roger.bench.BenchFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's resident memory and CPU time from Linux's {@code /proc}, from outside the
 * process: what the operating system charges for it, JVM and all, not what the JVM reports.
 */
public final class ProcStats {

    /** Linux's USER_HZ: the unit of utime and stime in /proc/PID/stat, 100 on every mainstream kernel. */
    static final int CLOCK_TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** VmRSS of the process, in bytes. */
    public static long rssBytes(long pid) {
        return parseRssKilobytes(read(Path.of("/proc", Long.toString(pid), "status"))) * 1024;
    }

    /** User plus system CPU time of the process so far, in nanoseconds. */
    public static long cpuNanos(long pid) {
        return parseCpuTicks(read(Path.of("/proc", Long.toString(pid), "stat"))) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    static long parseRssKilobytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
            }
        }
        throw new BenchFailure("no VmRSS line in /proc/PID/status (is this Linux?)");
    }

    static long parseCpuTicks(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        // utime and stime are fields 14 and 15 of the whole line, so 12 and 13 after the name.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new BenchFailure("Cannot read " + file + " (" + e.getMessage() + "): the process is gone, or this "
                    + "is not Linux", e);
        }
    }
}
