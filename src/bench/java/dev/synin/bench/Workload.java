package dev.synin.bench;

/**
 * What to run on each path: {@code concurrency} virtual users, each starting at an even share of {@code rampMillis}
 * and then running {@code rounds} streamed chats one after the other.
 *
 * @param chunkChars characters of content per chunk
 */
record Workload(int concurrency, int rounds, int tokens, long gapMicros, long ttftMicros, int chunkChars, int rampMillis) {

    int streams() {
        return concurrency * rounds;
    }

    /** A generous bound on how long the workload may take before streams still open are cut. */
    long deadlineMillis() {
        long stream = (ttftMicros + tokens * gapMicros) / 1000;
        return rampMillis + rounds * (stream * 3 + 2_000) + 30_000;
    }

    Directive directive(String tag) {
        return new Directive(tag, tokens, gapMicros, ttftMicros, chunkChars);
    }
}
