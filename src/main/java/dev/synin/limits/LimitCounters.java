package dev.synin.limits;

/** Where the counters live: this process, or a store shared by all replicas. */
interface LimitCounters {

    /** Counts one more hit in the current one-minute window of {@code key}; returns the count so far. */
    long hitThisMinute(String key, long epochMinute);

    /** Takes back one hit of the window {@code epochMinute} of {@code key} (a refunded chat). */
    void unhit(String key, long epochMinute);

    /** Takes a concurrency slot; returns how many are taken now, including this one. */
    long acquire(String key);

    void release(String key);
}
