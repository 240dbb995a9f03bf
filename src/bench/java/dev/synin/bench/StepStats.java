package dev.synin.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the client saw of one workload on one path. All times in microseconds of {@link BenchClock}; filled on the
 * load generator's event loop, read once the step is over. The process figures are filled in by the caller.
 */
final class StepStats {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    final String path;
    /** warmup, first-token, concurrency or history. */
    final String phase;
    final Workload workload;
    /** Request sent to first content chunk read. */
    final Samples ttft = new Samples();
    /** Request sent to the upstream receiving it: what the path adds before the model starts. */
    final Samples forward = new Samples();
    /** Time between two consecutive content chunks as read by the client. */
    final Samples gap = new Samples();
    /** That gap minus the gap at which the upstream wrote the two chunks: how much the path stretched it. */
    final Samples stretch = new Samples();
    /** Upstream write to client read of each chunk. */
    final Samples latency = new Samples();
    final Map<String, Integer> errorKinds = new TreeMap<>();
    int streams;
    int completed;
    int errors;
    long chunks;
    long lost;
    long merged;
    long duplicated;
    long outOfOrder;
    long foreign;
    long late;
    /** Chunks read more than one pace after the upstream wrote them: lateness the path itself added. */
    long slow;
    long wallMicros;

    // Filled in by the caller from /proc.
    double proxyCpuSeconds = Double.NaN;
    double harnessCpuSeconds = Double.NaN;
    /** CPU that processes outside the benchmark took meanwhile: the noise on a shared machine. */
    double otherCpuSeconds = Double.NaN;
    long proxyPeakRssKb = -1;

    StepStats(String path, String phase, Workload workload) {
        this.path = path;
        this.phase = phase;
        this.workload = workload;
    }

    void error(String kind) {
        errors++;
        String general = UUID.matcher(kind).replaceAll("<id>");
        errorKinds.merge(general.length() > 160 ? general.substring(0, 160) : general, 1, Integer::sum);
    }

    /** No late, lost, merged or failed chunk. */
    boolean clean() {
        return late == 0 && lost == 0 && merged == 0 && duplicated == 0 && outOfOrder == 0 && foreign == 0 && errors == 0;
    }

    /** Like {@link #clean()}, but judging the path only: no chunk held back longer than one pace. */
    boolean cleanPath() {
        return slow == 0 && lost == 0 && merged == 0 && duplicated == 0 && outOfOrder == 0 && foreign == 0 && errors == 0;
    }

    double cpuSecondsPerMillionChunks() {
        return chunks == 0 ? Double.NaN : proxyCpuSeconds / chunks * 1_000_000;
    }
}
