package dev.synin.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.vertx.core.buffer.Buffer;

/**
 * Server-Sent Events from a byte stream that may split an event (or a UTF-8 character) across reads: lines end at
 * LF (a CR before it is dropped), a blank line ends an event, {@code :} lines are comments.
 */
final class SseParser {

    /** Receives each complete event with the time its last byte was read. */
    interface Listener {
        void onEvent(String name, String data, long receivedNanos);
    }

    private final Listener listener;
    private byte[] line = new byte[512];
    private int length;
    private String name;
    private StringBuilder data;

    SseParser(Listener listener) {
        this.listener = listener;
    }

    void feed(Buffer buffer, long receivedNanos) {
        byte[] bytes = buffer.getBytes();
        for (byte b : bytes) {
            if (b != '\n') {
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = b;
                continue;
            }
            int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            length = 0;
            if (end == 0) {
                dispatch(receivedNanos);
            } else {
                field(new String(line, 0, end, StandardCharsets.UTF_8));
            }
        }
    }

    private void field(String text) {
        if (text.startsWith("data:")) {
            String value = text.startsWith("data: ") ? text.substring(6) : text.substring(5);
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        } else if (text.startsWith("event:")) {
            name = text.substring(6).strip();
        }
    }

    private void dispatch(long receivedNanos) {
        if (data != null || name != null) {
            listener.onEvent(name, data == null ? "" : data.toString(), receivedNanos);
        }
        name = null;
        data = null;
    }
}
