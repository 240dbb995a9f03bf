package dev.synin.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Everything an answer has produced, kept so that a subscriber can join at any event: the text so far and, for every
 * sequence number, how long the text was after it. Replaying "everything after event N" is then the start event
 * (if N was before it), the text that came after N as one reasoning and one delta frame, the latest usage and the
 * final event: no gap, no duplicate, and a few bytes per event instead of a copy of every frame. Not thread-safe:
 * its {@link Generation} holds the lock.
 */
final class AnswerLog {

    private final UUID answerId;
    private final AnswerFrames frames;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private int[] contentAt = new int[128];
    private int[] reasoningAt = new int[128];
    private long seq;
    private AnswerFrames.Frame started;
    private AnswerFrames.Frame usage;
    private AnswerFrames.Frame terminal;

    AnswerLog(UUID answerId, AnswerFrames frames) {
        this.answerId = answerId;
        this.frames = frames;
    }

    /** Records the event and returns its frame, numbered one after the last. */
    AnswerFrames.Frame append(AnswerEvent event) {
        long next = seq + 1;
        if (event instanceof AnswerEvent.Delta delta) {
            content.append(delta.content());
        } else if (event instanceof AnswerEvent.Reasoning thought) {
            reasoning.append(thought.content());
        }
        AnswerFrames.Frame frame = frames.encode(answerId, next, event);
        remember(frame);
        return frame;
    }

    private void remember(AnswerFrames.Frame frame) {
        seq = frame.seq();
        if (seq >= contentAt.length) {
            int grown = (int) Math.max(contentAt.length * 2L, seq + 1);
            contentAt = Arrays.copyOf(contentAt, grown);
            reasoningAt = Arrays.copyOf(reasoningAt, grown);
        }
        contentAt[(int) seq] = content.length();
        reasoningAt[(int) seq] = reasoning.length();
        switch (frame.name()) {
            case "start" -> started = frame;
            case "usage" -> usage = frame;
            case "done", "error" -> terminal = frame;
            default -> {
            }
        }
    }

    /**
     * The frames a subscriber that has seen events up to {@code after} needs to be up to date with the events up to
     * {@code upTo} (those already sent to the other subscribers).
     */
    List<AnswerFrames.Frame> after(long after, long upTo) {
        long until = Math.max(0, Math.min(upTo, seq));
        long from = Math.max(0, Math.min(after, until));
        List<AnswerFrames.Frame> missed = new ArrayList<>(5);
        if (until == from) {
            return missed;
        }
        if (started != null && started.seq() > from && started.seq() <= until) {
            missed.add(started);
        }
        boolean ends = terminal != null && terminal.seq() <= until;
        long textSeq = ends ? terminal.seq() - 1 : until;
        int reasoningFrom = reasoningAt[(int) from];
        int contentFrom = contentAt[(int) from];
        int reasoningTo = reasoningAt[(int) textSeq];
        int contentTo = contentAt[(int) textSeq];
        if (reasoningTo > reasoningFrom) {
            missed.add(frames.encode(answerId, textSeq, new AnswerEvent.Reasoning(reasoning.substring(reasoningFrom, reasoningTo))));
        }
        if (contentTo > contentFrom) {
            missed.add(frames.encode(answerId, textSeq, new AnswerEvent.Delta(content.substring(contentFrom, contentTo))));
        }
        if (usage != null && usage.seq() > from && usage.seq() <= until) {
            missed.add(usage);
        }
        if (ends && terminal.seq() > from) {
            missed.add(terminal);
        }
        return missed;
    }

    boolean ended() {
        return terminal != null;
    }

    String content() {
        return content.toString();
    }

    String reasoning() {
        return reasoning.toString();
    }
}
