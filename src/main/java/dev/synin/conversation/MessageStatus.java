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
    /**
     * Cut short, keeping what arrived: the server closed the connection without saying it was done, nobody followed
     * the answer any more, the client of a whole answer hung up, Synin shut down, or its replica died;
     * {@code errorMessage} says which. (Closing a tab or losing the network does not end an answer.)
     */
    INTERRUPTED,
    /** LM Studio failed, timed out or sent garbage; {@code errorCode} and {@code errorMessage} say which. */
    ERROR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static java.util.Optional<MessageStatus> fromWire(String wire) {
        for (MessageStatus status : values()) {
            if (status.wire().equals(wire)) {
                return java.util.Optional.of(status);
            }
        }
        return java.util.Optional.empty();
    }
}
