package dev.synin.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * How the fake upstream should pace one answer. The load generator writes it as the user message, whatever path the
 * request takes; the fake upstream reads the last one in the request body, which is the newest user message even
 * when Synin sends the whole conversation history along.
 *
 * @param tag        random per stream, echoed in every chunk so a chunk of another stream is noticed
 * @param tokens     content chunks in the answer
 * @param gapMicros  pause between two chunks
 * @param ttftMicros pause before the first chunk
 * @param chunkChars characters of content per chunk (at least the marker's length)
 */
record Directive(String tag, int tokens, long gapMicros, long ttftMicros, int chunkChars) {

    static final String PREFIX = "bench tag=";

    String text() {
        return PREFIX + tag + " tokens=" + tokens + " gap=" + gapMicros + " ttft=" + ttftMicros + " size=" + chunkChars;
    }

    /** The last directive in a request body, or null when it has none. */
    static Directive find(String body) {
        int start = body.lastIndexOf(PREFIX);
        if (start < 0) {
            return null;
        }
        int end = start;
        while (end < body.length() && body.charAt(end) != '"' && body.charAt(end) != '\\') {
            end++;
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.substring(start + "bench ".length(), end).split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        try {
            return new Directive(fields.get("tag"), Integer.parseInt(fields.get("tokens")),
                    Long.parseLong(fields.get("gap")), Long.parseLong(fields.get("ttft")),
                    Integer.parseInt(fields.get("size")));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
