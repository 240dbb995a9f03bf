package dev.synin.lmstudio;

/**
 * Splits a {@code <think>...</think>} block at the start of the content off as reasoning, for models and servers
 * that put their thinking inline instead of in {@code reasoning_content}. Works on a stream of fragments:
 * a tag may arrive split over several chunks, so a possible tag prefix is held back until it is decided.
 * Not thread-safe: one instance per answer.
 */
public final class ThinkTagSplitter {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private enum State {
        /** No visible content yet: an opening tag may still come. */
        START,
        THINKING,
        ANSWER
    }

    /** Text routed by the splitter; either part may be empty. */
    public record Split(String reasoning, String content) {
        static final Split EMPTY = new Split("", "");
    }

    private State state = State.START;
    /** Right after {@code </think>}: the blank lines models put there are not part of the answer. */
    private boolean skipLeadingWhitespace;
    private final StringBuilder pending = new StringBuilder();

    public Split accept(String fragment) {
        if (fragment == null || fragment.isEmpty()) {
            return Split.EMPTY;
        }
        return switch (state) {
            case ANSWER -> answer(fragment);
            case START -> atStart(fragment);
            case THINKING -> thinking(fragment);
        };
    }

    /** Whatever is held back when the stream ends. */
    public Split flush() {
        String rest = pending.toString();
        pending.setLength(0);
        return switch (state) {
            case THINKING -> new Split(rest, "");
            default -> new Split("", rest);
        };
    }

    private Split answer(String fragment) {
        if (!skipLeadingWhitespace) {
            return new Split("", fragment);
        }
        String trimmed = fragment.stripLeading();
        skipLeadingWhitespace = trimmed.isEmpty();
        return new Split("", trimmed);
    }

    private Split atStart(String fragment) {
        pending.append(fragment);
        String text = pending.toString();
        String trimmed = text.stripLeading();
        if (trimmed.startsWith(OPEN)) {
            state = State.THINKING;
            pending.setLength(0);
            return thinking(trimmed.substring(OPEN.length()));
        }
        if (trimmed.isEmpty() || OPEN.startsWith(trimmed)) {
            return Split.EMPTY; // undecided: could still become "<think>"
        }
        state = State.ANSWER;
        pending.setLength(0);
        return new Split("", text);
    }

    private Split thinking(String fragment) {
        pending.append(fragment);
        String text = pending.toString();
        int close = text.indexOf(CLOSE);
        if (close >= 0) {
            state = State.ANSWER;
            pending.setLength(0);
            skipLeadingWhitespace = true;
            return new Split(text.substring(0, close), answer(text.substring(close + CLOSE.length())).content());
        }
        int keep = longestSuffixThatStarts(text, CLOSE);
        pending.setLength(0);
        pending.append(text, text.length() - keep, text.length());
        return new Split(text.substring(0, text.length() - keep), "");
    }

    private static int longestSuffixThatStarts(String text, String tag) {
        for (int length = Math.min(tag.length() - 1, text.length()); length > 0; length--) {
            if (tag.startsWith(text.substring(text.length() - length))) {
                return length;
            }
        }
        return 0;
    }
}
