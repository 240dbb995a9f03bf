package dev.synin.conversation;

import java.util.Locale;

/** How an assistant answer ended; user and system messages are always {@code COMPLETE}. */
public enum MessageStatus {
    /** The model finished (stop or length). */
    COMPLETE,
    /** Still being generated; the row holds what was flushed so far. */
    STREAMING,
    /** The user pressed Stop. */
    STOPPED,
    /** The client went away (closed the tab, lost the network, server shut down) before the answer ended. */
    INTERRUPTED,
    /** LM Studio failed, timed out or sent garbage; {@code errorCode} and {@code errorMessage} say which. */
    ERROR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
