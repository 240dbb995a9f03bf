package dev.synin.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The knobs of one benchmark run. {@code --quick} is sized to finish in about two minutes on two cores; any value can
 * be overridden with {@code --name=value} (see {@link #usage()}).
 */
record BenchSettings(boolean quick, List<Integer> steps, int tokens, long paceMicros, long ttftMicros, int chunkChars,
        int rampMillis, int ttftRounds, int ttftTokens, int warmupStreams, int history, int shortHistory,
        int longHistory, int lengthRounds, int lengthTokens, int lengthConcurrency, boolean nginx, boolean synin,
        Path syninJar, List<String> syninJavaOptions, String jdbcUrl, Path outDir) {

    private static final List<String> NAMES = List.of("quick", "steps", "tokens", "pace-ms", "ttft-ms", "chunk-chars",
            "ramp-ms", "ttft-rounds", "ttft-tokens", "warmup-streams", "history", "short-history", "long-history",
            "length-rounds", "length-tokens", "length-concurrency", "no-nginx", "no-synin", "synin-jar",
            "synin-java-options", "jdbc-url", "out");

    static BenchSettings parse(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--") || !NAMES.contains(arg.substring(2).split("=", 2)[0])) {
                throw new IllegalArgumentException("unknown option " + arg + "\n" + usage());
            }
        }
        boolean quick = Arrays.asList(args).contains("--quick");
        Args a = new Args(args);
        return new BenchSettings(quick,
                a.ints("steps", quick ? "1,10,100,500" : "1,10,100,250,500,1000"),
                a.integer("tokens", quick ? 100 : 250),
                a.integer("pace-ms", 20) * 1000L,
                a.integer("ttft-ms", 50) * 1000L,
                a.integer("chunk-chars", 32),
                a.integer("ramp-ms", quick ? 1000 : 2000),
                a.integer("ttft-rounds", quick ? 30 : 200),
                a.integer("ttft-tokens", 5),
                a.integer("warmup-streams", quick ? 200 : 2000),
                a.integer("history", 20),
                a.integer("short-history", 2),
                a.integer("long-history", 2000),
                a.integer("length-rounds", quick ? 10 : 40),
                a.integer("length-tokens", 20),
                a.integer("length-concurrency", quick ? 50 : 100),
                !a.flag("no-nginx"),
                !a.flag("no-synin"),
                Path.of(a.text("synin-jar", "target/quarkus-app/quarkus-run.jar")),
                a.text("synin-java-options", "").isBlank() ? List.of() : List.of(a.text("synin-java-options", "").trim().split("\\s+")),
                a.text("jdbc-url", "jdbc:postgresql://localhost:5432/synin_bench"),
                Path.of(a.text("out", "target/bench")));
    }

    static String usage() {
        return """
                run-benchmark.sh [--quick] [--name=value ...]
                  --steps=1,10,100,250,500,1000   concurrent streams per step
                  --tokens=250 --pace-ms=20 --ttft-ms=50 --chunk-chars=32 --ramp-ms=2000
                  --ttft-rounds=200 --ttft-tokens=5   sequential single-stream chats for time to first token
                  --warmup-streams=2000               per path, before measuring
                  --history=20 --short-history=2 --long-history=2000   messages already in the conversations
                  --length-rounds=40 --length-tokens=20 --length-concurrency=100
                  --no-nginx --no-synin --synin-jar=... --synin-java-options="-Xmx512m"
                  --jdbc-url=jdbc:postgresql://localhost:5432/synin_bench --out=target/bench
                  --no-build                          (run-benchmark.sh only) use the jar and classes already built
                """;
    }

    Workload step(int concurrency) {
        return new Workload(concurrency, 1, tokens, paceMicros, ttftMicros, chunkChars, concurrency == 1 ? 0 : rampMillis);
    }

    Workload firstToken() {
        return new Workload(1, ttftRounds, ttftTokens, paceMicros, ttftMicros, chunkChars, 0);
    }

    Workload warmup() {
        int concurrency = Math.min(20, warmupStreams);
        return new Workload(concurrency, Math.max(1, warmupStreams / concurrency), 20, 1000, 0, chunkChars, 100);
    }

    List<Workload> lengthWorkloads() {
        return List.of(new Workload(1, lengthRounds, lengthTokens, paceMicros, ttftMicros, chunkChars, 0),
                new Workload(lengthConcurrency, 1, tokens, paceMicros, ttftMicros, chunkChars, rampMillis));
    }

    /** Conversations to seed: enough that no two concurrent streams continue the same one. */
    int conversations() {
        return Math.max(20, steps.stream().mapToInt(Integer::intValue).max().orElse(1));
    }

    private record Args(String[] args) {

        String text(String name, String fallback) {
            for (String arg : args) {
                if (arg.startsWith("--" + name + "=")) {
                    return arg.substring(name.length() + 3);
                }
            }
            return fallback;
        }

        boolean flag(String name) {
            return Arrays.asList(args).contains("--" + name);
        }

        int integer(String name, int fallback) {
            return Integer.parseInt(text(name, Integer.toString(fallback)));
        }

        List<Integer> ints(String name, String fallback) {
            List<Integer> values = new ArrayList<>();
            for (String value : text(name, fallback).split(",")) {
                values.add(Integer.parseInt(value.strip()));
            }
            return List.copyOf(values);
        }
    }
}
