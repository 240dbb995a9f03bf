package dev.synin.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Issue 6's benchmark in one process: the paced fake upstream and the load generator, the same workload straight to
 * the upstream (the floor), through nginx and through Synin, then the table, {@code results.json} and
 * {@code latency.svg} in the output directory. Started by {@code src/bench/run-benchmark.sh}.
 */
public final class BenchMain {

    private final BenchSettings settings;
    private final Results results;
    private final Vertx vertx;
    private final List<AutoCloseable> started = new ArrayList<>();
    private LoadGenerator load;
    private long nginxPid = -1;
    private long syninPid = -1;

    private BenchMain(BenchSettings settings) {
        this.settings = settings;
        this.results = new Results(settings);
        // Two event loops for two cores: the fake upstream writes on one, the load generator reads on the other.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        // A failure inside a handler would otherwise only reach a logger nobody configured here.
        vertx.exceptionHandler(failure -> failure.printStackTrace());
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(BenchSettings.usage());
            return;
        }
        BenchMain bench = new BenchMain(BenchSettings.parse(args));
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
        try {
            bench.run();
        } finally {
            bench.stopAll();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Path out = settings.outDir();
        Files.createDirectories(out);
        Pids.writeTo(out.resolve("pids"));
        Machine.describe(results);
        FakeUpstream upstream = new FakeUpstream(new Directive("none", 20, settings.paceMicros(), settings.ttftMicros(), settings.chunkChars()));
        await(vertx.deployVerticle(upstream));
        load = new LoadGenerator();
        await(vertx.deployVerticle(load));
        System.out.println("fake upstream on 127.0.0.1:" + upstream.port());

        List<Target> paths = new ArrayList<>(List.of(new Target.OpenAi("direct", upstream.port())));
        if (settings.nginx()) {
            NginxProcess nginx = NginxProcess.start(out.resolve("nginx"), Ports.free(), upstream.port());
            started.add(nginx);
            nginxPid = nginx.pid();
            paths.add(new Target.OpenAi("nginx", nginx.port));
            results.facts.put("nginx resident memory idle (MB)", ProcStats.rssKb(nginxPid) / 1024.0);
            System.out.println("nginx on 127.0.0.1:" + nginx.port);
        }
        SyninSession synin = null;
        if (settings.synin()) {
            try {
                synin = SyninSession.start(settings, upstream.port(), results, started);
            } catch (Exception e) {
                results.notes.add("Synin path skipped: " + e.getMessage());
                System.out.println("Synin path skipped: " + e.getMessage());
            }
        }
        if (synin != null) {
            syninPid = synin.pid();
            paths.add(synin.target("synin", settings.history(), settings.conversations()));
        }

        for (Target path : paths) {
            measure(path, settings.warmup(), "warmup");
        }
        for (Target path : paths) {
            measure(path, settings.firstToken(), "first-token");
        }
        for (int concurrency : settings.steps()) {
            for (Target path : paths) {
                measure(path, settings.step(concurrency), "concurrency");
            }
        }
        if (synin != null) {
            List<Target> lengths = List.of(paths.get(0),
                    synin.target("synin-" + settings.shortHistory() + "msg", settings.shortHistory(), settings.lengthConcurrency()),
                    synin.target("synin-" + settings.longHistory() + "msg", settings.longHistory(), settings.lengthConcurrency()));
            for (Workload workload : settings.lengthWorkloads()) {
                for (Target path : lengths) {
                    measure(path, workload, "history");
                }
            }
            results.facts.put("Synin resident memory peak, VmHWM (MB)", ProcStats.peakRssKb(syninPid) / 1024.0);
        }
        if (nginxPid > 0) {
            results.facts.put("nginx resident memory peak, VmHWM summed (MB)", ProcStats.peakRssKb(nginxPid) / 1024.0);
        }
        results.facts.put("fake upstream: streamed / other chats, content chunks written", upstream.streamed.get() + " / "
                + upstream.blocking.get() + ", " + upstream.chunksWritten.get());

        List<Targets.Verdict> verdicts = Targets.check(results);
        Report.print(results, verdicts, System.out);
        ResultsJson.write(results, verdicts, out.resolve("results.json"));
        LatencyPlot.write(results, out.resolve("latency.svg"));
        System.out.println("\nwrote " + out.resolve("results.json") + " and " + out.resolve("latency.svg"));
    }

    /** Runs one workload on one path and adds the CPU and memory the proxy in that path used meanwhile. */
    private void measure(Target path, Workload workload, String phase) throws Exception {
        long pid = path.name().startsWith("synin") ? syninPid : path.name().equals("nginx") ? nginxPid : -1;
        long self = ProcessHandle.current().pid();
        System.out.printf("%-11s %-14s %4d streams x %3d rounds ...", phase, path.name(), workload.concurrency(), workload.rounds());
        System.out.flush();
        try (RssSampler rss = new RssSampler(pid)) {
            double cpuBefore = pid > 0 ? ProcStats.cpuSeconds(pid) : Double.NaN;
            double selfBefore = ProcStats.ownCpuSeconds(self);
            double familyBefore = ProcStats.cpuSeconds(self);
            double machineBefore = ProcStats.machineBusySeconds();
            StepStats stats = load.run(path, workload, phase).toCompletionStage().toCompletableFuture()
                    .get(workload.deadlineMillis() + 60_000, TimeUnit.MILLISECONDS);
            stats.proxyCpuSeconds = pid > 0 ? ProcStats.cpuSeconds(pid) - cpuBefore : Double.NaN;
            stats.harnessCpuSeconds = ProcStats.ownCpuSeconds(self) - selfBefore;
            stats.otherCpuSeconds = ProcStats.machineBusySeconds() - machineBefore - (ProcStats.cpuSeconds(self) - familyBefore);
            stats.proxyPeakRssKb = pid > 0 ? rss.peakKb() : -1;
            results.runs.add(stats);
            System.out.printf(" %.1f s, %d chunks, %d late, %d errors, %.1f CPU s taken by other processes%n",
                    stats.wallMicros / 1e6, stats.chunks, stats.late, stats.errors, stats.otherCpuSeconds);
        }
        // Let connections, timers and the collector settle before the next path starts.
        Thread.sleep(300);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }

    private synchronized void stopAll() {
        for (AutoCloseable process : started) {
            try {
                process.close();
            } catch (Exception e) {
                System.err.println("could not stop " + process + ": " + e);
            }
        }
        started.clear();
        vertx.close();
    }
}
