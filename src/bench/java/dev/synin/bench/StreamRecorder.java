package dev.synin.bench;

import java.util.BitSet;

/**
 * Follows one streamed chat as the client reads it and adds what it sees to the step's {@link StepStats}. A content
 * event that carries two markers was merged; a sequence number never seen was lost. Works for the OpenAI format
 * ({@code data: {...}} ... {@code data: [DONE]}) and Synin's named events ({@code delta}, {@code done}, {@code error}).
 */
final class StreamRecorder implements SseParser.Listener {

    private final StepStats stats;
    private final String tag;
    private final int expected;
    private final long lateMicros;
    private final long paceMicros;
    private final long sentMicros;
    private final BitSet seen = new BitSet();
    private long lastReceivedMicros = -1;
    private long lastWrittenMicros;
    private int lastSeq = -1;
    private boolean done;
    private boolean closed;

    StreamRecorder(StepStats stats, Directive directive, long sentNanos) {
        this.stats = stats;
        this.tag = directive.tag();
        this.expected = directive.tokens();
        this.lateMicros = 2 * directive.gapMicros();
        this.paceMicros = directive.gapMicros();
        this.sentMicros = BenchClock.toMicros(sentNanos);
    }

    @Override
    public void onEvent(String name, String data, long receivedNanos) {
        if ("error".equals(name)) {
            fail("error event " + data);
            return;
        }
        if ("done".equals(name) || "[DONE]".equals(data)) {
            done = true;
            return;
        }
        long receivedMicros = BenchClock.toMicros(receivedNanos);
        int markers = 0;
        int from = 0;
        int open;
        while ((open = data.indexOf('|', from)) >= 0) {
            int close = data.indexOf('|', open + 1);
            if (close < 0) {
                break;
            }
            Marker marker = Marker.parse(data, open + 1, close);
            if (marker == null) {
                from = open + 1;
                continue;
            }
            markers++;
            chunk(marker, receivedMicros);
            from = close + 1;
        }
        if (markers > 1) {
            stats.merged += markers - 1;
        }
    }

    private void chunk(Marker marker, long receivedMicros) {
        if (!marker.tag().equals(tag)) {
            stats.foreign++;
            return;
        }
        if (seen.get(marker.seq())) {
            stats.duplicated++;
            return;
        }
        seen.set(marker.seq());
        stats.chunks++;
        if (marker.seq() < lastSeq) {
            stats.outOfOrder++;
        }
        long latency = receivedMicros - marker.sentMicros();
        stats.latency.add(latency);
        if (latency > paceMicros) {
            stats.slow++;
        }
        if (lastReceivedMicros < 0) {
            stats.ttft.add(receivedMicros - sentMicros);
            stats.forward.add(marker.requestMicros() - sentMicros);
        } else {
            long gap = receivedMicros - lastReceivedMicros;
            stats.gap.add(gap);
            stats.stretch.add(gap - (marker.sentMicros() - lastWrittenMicros));
            if (gap > lateMicros) {
                stats.late++;
            }
        }
        lastReceivedMicros = receivedMicros;
        lastWrittenMicros = marker.sentMicros();
        lastSeq = Math.max(lastSeq, marker.seq());
    }

    /** The response ended. Returns false when it had already been closed. */
    boolean finish() {
        if (closed) {
            return false;
        }
        if (!done) {
            return fail("ended without [DONE] or done event");
        }
        close();
        stats.completed++;
        return true;
    }

    /** The stream failed. Returns false when it had already been closed. */
    boolean fail(String kind) {
        if (closed) {
            return false;
        }
        stats.error(kind);
        close();
        return true;
    }

    private void close() {
        closed = true;
        stats.lost += expected - seen.cardinality();
    }
}
