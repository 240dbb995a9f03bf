package dev.synin.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a process family's resident memory every 100 ms while open; {@link #peakKb()} is the highest seen. */
final class RssSampler implements AutoCloseable {

    private final AtomicLong peak = new AtomicLong();
    private final ScheduledExecutorService timer;

    RssSampler(long pid) {
        if (pid <= 0) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rss-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(ProcStats.rssKb(pid), Math::max), 0, 100, TimeUnit.MILLISECONDS);
    }

    long peakKb() {
        return peak.get();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
