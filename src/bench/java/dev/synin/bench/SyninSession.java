package dev.synin.bench;

import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Synin for the benchmark: started from its jar, one first chat to learn the owner cookie, then conversations of a
 * given length written into its database for the load generator to continue.
 */
final class SyninSession {

    private final SyninProcess process;
    private final SyninProcess.FirstChat first;
    private final String jdbcUrl;

    private SyninSession(SyninProcess process, SyninProcess.FirstChat first, String jdbcUrl) {
        this.process = process;
        this.first = first;
        this.jdbcUrl = jdbcUrl;
    }

    static SyninSession start(BenchSettings settings, int upstreamPort, Results results, List<AutoCloseable> started)
            throws Exception {
        if (!settings.syninJar().toFile().isFile()) {
            throw new IllegalStateException(settings.syninJar() + " is missing: build it with ./mvnw package -DskipTests");
        }
        SyninProcess process = SyninProcess.start(settings.syninJar(), settings.syninJavaOptions(), Ports.free(), upstreamPort,
                settings.jdbcUrl(), settings.outDir().resolve("synin.log"));
        started.add(process);
        System.out.println("Synin on 127.0.0.1:" + process.port + ", log in " + settings.outDir().resolve("synin.log"));
        results.facts.put("Synin settings changed for the run", new TreeMap<>(SyninProcess.ADMISSION).toString());
        results.facts.put("Synin JVM start to first answered request (ms)", process.startToFirstAnswerMillis);
        results.facts.put("Synin start time as Quarkus logs it (ms)", process.quarkusReportedStartMillis());
        SyninProcess.FirstChat first = process.firstChat(new Directive("setup", 10, 0, 0, settings.chunkChars()).text(), results.notes);
        results.facts.put("Synin first chat, cold (ms)", first.millis());
        results.facts.put("Synin resident memory idle, after the first chat (MB)", ProcStats.rssKb(process.pid()) / 1024.0);
        // What Synin burns doing nothing (timers, pools, GC) is in every step's CPU figure too.
        double cpuBefore = ProcStats.cpuSeconds(process.pid());
        Thread.sleep(2_000);
        results.facts.put("Synin CPU while idle (% of one core)", (ProcStats.cpuSeconds(process.pid()) - cpuBefore) / 2 * 100);
        return new SyninSession(process, first, settings.jdbcUrl());
    }

    long pid() {
        return process.pid();
    }

    /** Synin as a path, continuing {@code conversations} conversations that each already hold {@code history} messages. */
    Target target(String name, int history, int conversations) throws Exception {
        try (HistorySeeder seeder = new HistorySeeder(jdbcUrl)) {
            long started = System.nanoTime();
            List<UUID> ids = seeder.seed(first.conversationId(), conversations, history);
            System.out.printf("seeded %d conversations of %d messages in %.1f s%n", conversations, history, (System.nanoTime() - started) / 1e9);
            return new Target.Synin(name, process.port, first.cookie(), ids);
        }
    }
}
