package dev.synin.bench;

import java.util.Arrays;

/** A growable list of durations in microseconds, with percentiles. Filled by one thread, read after it is done. */
final class Samples {

    private long[] values = new long[256];
    private int size;
    private boolean sorted = true;

    void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
        sorted = false;
    }

    int count() {
        return size;
    }

    /** Nearest-rank percentile in milliseconds, or NaN when there are no samples. */
    double percentileMillis(double percentile) {
        if (size == 0) {
            return Double.NaN;
        }
        sort();
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return values[Math.max(0, Math.min(size - 1, rank - 1))] / 1000.0;
    }

    double maxMillis() {
        return percentileMillis(100);
    }

    double meanMillis() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size / 1000.0;
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
