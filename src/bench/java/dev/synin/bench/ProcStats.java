package dev.synin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;

/**
 * CPU time and memory of a process and its children (nginx's workers) from Linux's /proc. CPU is utime + stime in
 * clock ticks of 10 ms (USER_HZ is 100 on Linux whatever the kernel's HZ).
 */
final class ProcStats {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    static double cpuSeconds(long pid) {
        return family(pid).mapToDouble(ProcStats::ownCpuSeconds).sum();
    }

    /** CPU time all processes of the machine spent busy, from the first line of /proc/stat. */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // user nice system idle iowait irq softirq steal: everything but idle and iowait.
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident memory now, in KiB. */
    static long rssKb(long pid) {
        return family(pid).map(p -> statusKb(p, "VmRSS:")).sum();
    }

    /** Highest resident memory so far (summed over the family), in KiB. */
    static long peakRssKb(long pid) {
        return family(pid).map(p -> statusKb(p, "VmHWM:")).sum();
    }

    private static LongStream family(long pid) {
        return LongStream.concat(LongStream.of(pid), ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants).mapToLong(ProcessHandle::pid));
    }

    /** CPU of this one process, without its children. */
    static double ownCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may contain spaces and parentheses: count fields from the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process is gone.
        }
        return 0;
    }
}
