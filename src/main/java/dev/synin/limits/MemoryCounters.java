package dev.synin.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters in this process: right for one replica, and the fallback of a laptop without Redis. */
final class MemoryCounters implements LimitCounters {

    private final Map<String, AtomicLong> windows = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> slots = new ConcurrentHashMap<>();

    @Override
    public long hitThisMinute(String key, long epochMinute) {
        if (windows.size() > 10_000) {
            windows.keySet().removeIf(k -> !k.endsWith(":" + epochMinute));
        }
        return windows.computeIfAbsent(key + ":" + epochMinute, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void unhit(String key, long epochMinute) {
        AtomicLong count = windows.get(key + ":" + epochMinute);
        if (count != null) {
            count.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    @Override
    public long acquire(String key) {
        return slots.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void release(String key) {
        AtomicLong count = slots.get(key);
        if (count != null && count.decrementAndGet() <= 0) {
            slots.remove(key, count);
        }
    }
}
