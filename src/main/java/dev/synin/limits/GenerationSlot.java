package dev.synin.limits;

import java.util.concurrent.atomic.AtomicBoolean;

/** A user's right to one running answer; released exactly once, however the answer ends. */
public final class GenerationSlot {

    public static final GenerationSlot NONE = new GenerationSlot(() -> {
    });

    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    GenerationSlot(Runnable release) {
        this.release = release;
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
