package dev.synin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The results as one JSON document, every figure of every run, for comparing runs by machine. */
final class ResultsJson {

    private ResultsJson() {
    }

    static void write(Results results, List<Targets.Verdict> verdicts, Path file) throws IOException {
        JsonObject settings = JsonObject.mapFrom(results.settings);
        JsonArray runs = new JsonArray();
        for (StepStats run : results.runs) {
            runs.add(new JsonObject()
                    .put("phase", run.phase).put("path", run.path)
                    .put("workload", JsonObject.mapFrom(run.workload))
                    .put("streams", run.streams).put("completed", run.completed).put("errors", run.errors)
                    .put("errorKinds", new JsonObject(new java.util.LinkedHashMap<>(run.errorKinds)))
                    .put("chunks", run.chunks).put("lost", run.lost).put("merged", run.merged)
                    .put("duplicated", run.duplicated).put("outOfOrder", run.outOfOrder).put("foreign", run.foreign)
                    .put("late", run.late).put("slow", run.slow).put("wallSeconds", run.wallMicros / 1e6)
                    .put("ttftMs", percentiles(run.ttft)).put("forwardMs", percentiles(run.forward))
                    .put("gapMs", percentiles(run.gap)).put("stretchMs", percentiles(run.stretch))
                    .put("latencyMs", percentiles(run.latency))
                    .put("proxyCpuSeconds", finite(run.proxyCpuSeconds))
                    .put("proxyCpuSecondsPerMillionChunks", finite(run.cpuSecondsPerMillionChunks()))
                    .put("harnessCpuSeconds", finite(run.harnessCpuSeconds))
                    .put("otherProcessesCpuSeconds", finite(run.otherCpuSeconds))
                    .put("proxyPeakRssKb", run.proxyPeakRssKb));
        }
        JsonArray targets = new JsonArray();
        verdicts.forEach(v -> targets.add(new JsonObject().put("target", v.target()).put("goal", v.goal())
                .put("measured", finite(v.measured())).put("unit", v.unit()).put("met", v.met()).put("detail", v.detail())));
        JsonObject facts = new JsonObject();
        results.facts.forEach((name, value) -> facts.put(name, value instanceof Double d ? finite(d) : value));
        JsonObject document = new JsonObject().put("settings", settings).put("facts", facts).put("runs", runs)
                .put("targets", targets).put("notes", new JsonArray(results.notes));
        Files.writeString(file, document.encodePrettily());
    }

    private static JsonObject percentiles(Samples samples) {
        return new JsonObject().put("count", samples.count()).put("p50", finite(samples.percentileMillis(50)))
                .put("p90", finite(samples.percentileMillis(90))).put("p99", finite(samples.percentileMillis(99)))
                .put("p999", finite(samples.percentileMillis(99.9))).put("max", finite(samples.maxMillis()))
                .put("mean", finite(samples.meanMillis()));
    }

    /** JSON has no NaN. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : null;
    }
}
