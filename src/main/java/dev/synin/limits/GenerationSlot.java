package dev.synin.limits;

import java.util.concurrent.atomic.AtomicBoolean;

/** A user's right to one running answer; released exactly once, however the answer ends. */
public final class GenerationSlot {

    private static final Runnable NOTHING = () -> {
    };

    public static final GenerationSlot NONE = new GenerationSlot(NOTHING, NOTHING);

    private final Runnable release;
    private final Runnable uncount;
    private final AtomicBoolean released = new AtomicBoolean();

    GenerationSlot(Runnable release, Runnable uncount) {
        this.release = release;
        this.uncount = uncount;
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }

    /**
     * Releases the slot and gives the chat back to the user's per-minute count: for a chat the server never served
     * because it was down (refused connection, open circuit breaker), which must not use up the user's limit.
     * Does nothing once the slot was released.
     */
    public void refund() {
        if (released.compareAndSet(false, true)) {
            release.run();
            uncount.run();
        }
    }
}
