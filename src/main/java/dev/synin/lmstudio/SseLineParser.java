package dev.synin.lmstudio;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;

/**
 * Turns the bytes of a {@code text/event-stream} into the {@code data} of each event, whatever way the network
 * cut them: events split over several reads, several events in one read, CRLF or LF line ends, {@code : keep-alive}
 * comments, multi-line data. Lines are decoded only once complete, so a UTF-8 character cut in two is never broken
 * ('\n' cannot occur inside a multi-byte sequence). Not thread-safe: Vert.x delivers one connection's reads in order.
 */
public final class SseLineParser {

    private final Consumer<String> onData;
    private Buffer pending = Buffer.buffer();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    public SseLineParser(Consumer<String> onData) {
        this.onData = onData;
    }

    public void feed(Buffer chunk) {
        pending.appendBuffer(chunk);
        int lineStart = 0;
        int length = pending.length();
        for (int i = 0; i < length; i++) {
            if (pending.getByte(i) == '\n') {
                int lineEnd = i > lineStart && pending.getByte(i - 1) == '\r' ? i - 1 : i;
                line(pending.getString(lineStart, lineEnd, StandardCharsets.UTF_8.name()));
                lineStart = i + 1;
            }
        }
        if (lineStart > 0) {
            pending = lineStart == length ? Buffer.buffer() : pending.getBuffer(lineStart, length);
        }
    }

    /** The stream ended: an event not followed by a blank line still counts. */
    public void end() {
        if (pending.length() > 0) {
            line(pending.toString(StandardCharsets.UTF_8).replaceAll("\r$", ""));
            pending = Buffer.buffer();
        }
        dispatch();
    }

    private void line(String line) {
        if (line.isEmpty()) {
            dispatch();
        } else if (line.startsWith("data:")) {
            String value = line.substring(5);
            if (hasData) {
                data.append('\n');
            }
            data.append(value.startsWith(" ") ? value.substring(1) : value);
            hasData = true;
        }
        // Comments (":"), "event:", "id:" and "retry:" carry nothing an OpenAI-compatible stream needs.
    }

    private void dispatch() {
        if (hasData) {
            String value = data.toString();
            data.setLength(0);
            hasData = false;
            onData.accept(value);
        }
    }
}
