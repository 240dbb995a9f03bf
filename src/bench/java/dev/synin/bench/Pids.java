package dev.synin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a list of the processes the harness started, one pid a line, for run-benchmark.sh to kill on exit should
 * the JVM die before its shutdown hook runs.
 */
final class Pids {

    private static Path file;

    private Pids() {
    }

    static void writeTo(Path path) throws IOException {
        file = path;
        Files.writeString(path, "");
    }

    static synchronized void record(long pid) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, pid + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot record pid " + pid + " in " + file + ": " + e);
        }
    }
}
