package dev.synin.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** Issue 6's targets, each checked against what this run measured. */
final class Targets {

    /** One target: what it asks, what was measured, and whether that meets it. NaN when it could not be measured. */
    record Verdict(String target, String goal, double measured, String unit, boolean met, String detail) {
    }

    private Targets() {
    }

    static List<Verdict> check(Results results) {
        List<Verdict> verdicts = new ArrayList<>();
        double ttft = added(results, "first-token", 1, "synin", r -> r.ttft.percentileMillis(50));
        verdicts.add(new Verdict("added time to first token p50, one stream", "<= 0.5", ttft, "ms", ttft <= 0.5,
                "Synin's p50 minus the direct p50 over " + results.settings.ttftRounds() + " sequential chats"));

        long broken = results.runs.stream().filter(r -> r.path.startsWith("synin") && !r.phase.equals("warmup"))
                .mapToLong(r -> r.lost + r.merged + r.duplicated + r.outOfOrder + r.foreign).sum();
        long chunks = results.runs.stream().filter(r -> r.path.startsWith("synin") && !r.phase.equals("warmup"))
                .mapToLong(r -> r.chunks).sum();
        verdicts.add(new Verdict("merged, lost, duplicated or reordered chunks through Synin", "0", chunks == 0 ? Double.NaN : broken,
                "chunks", chunks > 0 && broken == 0, "of " + chunks + " chunks received in the measured runs"));

        int at = results.settings.steps().stream().filter(c -> c <= 500).max(Comparator.naturalOrder()).orElse(1);
        double gap = added(results, "concurrency", at, "synin", r -> r.gap.percentileMillis(99));
        verdicts.add(new Verdict("added gap between chunks p99 at " + at + " streams", "<= 1", gap, "ms", at == 500 && gap <= 1,
                "Synin's p99 client-side gap minus the direct p99" + (at == 500 ? "" : " (500 was not a step of this run)")));

        verdicts.add(sustained(results));

        Optional<StepStats> shortSeq = results.find("history", 1, "synin-" + results.settings.shortHistory() + "msg");
        Optional<StepStats> longSeq = results.find("history", 1, "synin-" + results.settings.longHistory() + "msg");
        int many = results.settings.lengthConcurrency();
        Optional<StepStats> shortMany = results.find("history", many, "synin-" + results.settings.shortHistory() + "msg");
        Optional<StepStats> longMany = results.find("history", many, "synin-" + results.settings.longHistory() + "msg");
        double ttftGrowth = difference(longSeq, shortSeq, r -> r.ttft.percentileMillis(50));
        double gapGrowth = difference(longMany, shortMany, r -> r.gap.percentileMillis(99));
        verdicts.add(new Verdict("time to first token p50 growth, " + results.settings.longHistory() + " vs "
                + results.settings.shortHistory() + " messages", "<= 0.5", ttftGrowth, "ms", ttftGrowth <= 0.5,
                "one stream at a time; the 0.5 ms tolerance is the first-token target"));
        verdicts.add(new Verdict("gap p99 growth, " + results.settings.longHistory() + " vs " + results.settings.shortHistory()
                + " messages, " + many + " streams", "<= 1", gapGrowth, "ms", gapGrowth <= 1,
                "the 1 ms tolerance is the added-gap target"));

        double synin = cpuPerMillion(results, "synin");
        double nginx = cpuPerMillion(results, "nginx");
        double ratio = synin / nginx;
        verdicts.add(new Verdict("CPU per relayed chunk, Synin / nginx", "<= 2", ratio, "x", ratio <= 2,
                String.format("%.1f vs %.1f CPU seconds per million chunks over the concurrency steps", synin, nginx)));
        return verdicts;
    }

    private static Verdict sustained(Results results) {
        String detail = "highest step with no gap over 2x the pace, no lost or merged chunk, no error:";
        for (String path : List.of("direct", "nginx")) {
            detail += " " + path + " " + highestClean(results, path, StepStats::clean);
        }
        detail += "; counting only chunks the path itself held back over one pace: ";
        for (String path : List.of("direct", "nginx", "synin")) {
            detail += " " + path + " " + highestClean(results, path, StepStats::cleanPath);
        }
        int synin = highestClean(results, "synin", StepStats::clean);
        return new Verdict("concurrent streams at " + results.settings.paceMicros() / 1000 + " ms pace without late chunks",
                ">= 1000", synin, "streams", synin >= 1000, detail);
    }

    /** The highest step this path ran clean, with every lower step clean too; 0 when even the first was not. */
    static int highestClean(Results results, String path, Predicate<StepStats> clean) {
        int highest = 0;
        for (int concurrency : results.settings.steps()) {
            Optional<StepStats> run = results.find("concurrency", concurrency, path);
            if (run.isEmpty() || !clean.test(run.get())) {
                break;
            }
            highest = concurrency;
        }
        return highest;
    }

    static double cpuPerMillion(Results results, String path) {
        double cpu = 0;
        long chunks = 0;
        for (StepStats run : results.runs) {
            if (run.phase.equals("concurrency") && run.path.equals(path)) {
                cpu += run.proxyCpuSeconds;
                chunks += run.chunks;
            }
        }
        return chunks == 0 ? Double.NaN : cpu / chunks * 1_000_000;
    }

    private static double added(Results results, String phase, int concurrency, String path, ToDoubleFunction<StepStats> figure) {
        return difference(results.find(phase, concurrency, path), results.find(phase, concurrency, "direct"), figure);
    }

    private static double difference(Optional<StepStats> a, Optional<StepStats> b, ToDoubleFunction<StepStats> figure) {
        return a.isPresent() && b.isPresent() ? figure.applyAsDouble(a.get()) - figure.applyAsDouble(b.get()) : Double.NaN;
    }
}
