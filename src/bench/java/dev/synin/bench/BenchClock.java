package dev.synin.bench;

/**
 * One time origin for the whole harness. The fake upstream stamps each chunk with the moment it wrote it, the load
 * generator the moment it read it; both live in this JVM, so the two stamps are directly comparable.
 */
final class BenchClock {

    private static final long ORIGIN = System.nanoTime();

    private BenchClock() {
    }

    static long micros() {
        return toMicros(System.nanoTime());
    }

    static long toMicros(long nanoTime) {
        return (nanoTime - ORIGIN) / 1_000;
    }
}
