package dev.synin.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The results as text tables for the terminal. All times in milliseconds; "+" columns are against the direct run. */
final class Report {

    private static final String ROW = "%-11s %5s %6s %-14s %7s %7s %7s %7s %6s %6s %7s %6s %6s %6s %6s %5s %5s %5s %5s %5s %8s %7s %6s%n";

    private Report() {
    }

    static void print(Results results, List<Targets.Verdict> verdicts, PrintStream out) {
        BenchSettings s = results.settings;
        out.println();
        out.printf("Synin benchmark%s: pace %d ms, first token after %d ms, %d chars per chunk, %d tokens per stream%n",
                s.quick() ? " (--quick)" : "", s.paceMicros() / 1000, s.ttftMicros() / 1000, s.chunkChars(), s.tokens());
        for (Map.Entry<String, Object> fact : results.facts.entrySet()) {
            out.printf("  %-44s %s%n", fact.getKey(), fact.getValue() instanceof Double d ? String.format("%.1f", d) : fact.getValue());
        }
        out.println();
        out.printf(ROW, "phase", "conc", "streams", "path", "ttft50", "ttft99", "+ttft50", "+ttft99", "gap50", "gap99", "gapmax",
                "+gap50", "+gap99", "lat50", "lat99", "late", "slow", "lost", "merge", "err", "cpu/Mch", "rssMB", "other");
        for (StepStats run : results.runs) {
            if (run.phase.equals("warmup")) {
                continue;
            }
            StepStats floor = results.floorOf(run).orElse(null);
            out.printf(ROW, run.phase, run.workload.concurrency(), run.streams, run.path,
                    ms(run.ttft.percentileMillis(50)), ms(run.ttft.percentileMillis(99)),
                    added(run, floor, r -> r.ttft.percentileMillis(50)), added(run, floor, r -> r.ttft.percentileMillis(99)),
                    ms(run.gap.percentileMillis(50)), ms(run.gap.percentileMillis(99)), ms(run.gap.maxMillis()),
                    added(run, floor, r -> r.gap.percentileMillis(50)), added(run, floor, r -> r.gap.percentileMillis(99)),
                    ms(run.latency.percentileMillis(50)), ms(run.latency.percentileMillis(99)),
                    run.late, run.slow, run.lost, run.merged, run.errors,
                    Double.isNaN(run.proxyCpuSeconds) ? "-" : String.format("%.1f", run.cpuSecondsPerMillionChunks()),
                    run.proxyPeakRssKb < 0 ? "-" : Long.toString(run.proxyPeakRssKb / 1024),
                    String.format("%.1f", run.otherCpuSeconds));
        }
        out.println();
        out.println("ttft: request sent to first content chunk read; gap: between two content chunks as read; lat: upstream"
                + " write to client read of a chunk; late: gaps over 2x the pace; slow: chunks read more than one pace after the upstream wrote them (the path's own share of lateness); cpu/Mch: CPU seconds of the proxy"
                + " (Synin or nginx with its workers) per million chunks; rssMB: its highest resident memory seen in the step; other: CPU seconds that processes outside the benchmark"
                + " took during the step (a busy machine makes every path look worse).");
        out.println();
        out.println("Where the first token's time goes (first-token phase, p50):");
        for (StepStats run : results.runs) {
            if (run.phase.equals("first-token")) {
                out.printf("  %-8s request reaches the upstream after %s ms; a chunk takes %s ms from upstream write to client read%n",
                        run.path, ms(run.forward.percentileMillis(50)), ms(run.latency.percentileMillis(50)));
            }
        }
        for (StepStats run : results.runs) {
            if (!run.errorKinds.isEmpty()) {
                out.printf("errors %s %s x%d: %s%n", run.phase, run.path, run.workload.concurrency(), run.errorKinds);
            }
        }
        for (String note : results.notes) {
            out.println("note: " + note);
        }
        out.println();
        out.println("Targets (the streaming core, issue 9):");
        for (Targets.Verdict v : verdicts) {
            out.printf("  %-4s %-66s goal %-7s measured %9s %-7s %s%n", Double.isNaN(v.measured()) ? "n/a" : v.met() ? "MET" : "MISS",
                    v.target(), v.goal(), Double.isNaN(v.measured()) ? "-" : String.format(v.measured() == Math.rint(v.measured()) ? "%.0f" : "%.2f", v.measured()), v.unit(), v.detail());
        }
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "-" : String.format("%.2f", millis);
    }

    private static String added(StepStats run, StepStats floor, ToDoubleFunction<StepStats> figure) {
        return floor == null || run.path.equals("direct") ? "-" : String.format("%+.2f", figure.applyAsDouble(run) - figure.applyAsDouble(floor));
    }
}
