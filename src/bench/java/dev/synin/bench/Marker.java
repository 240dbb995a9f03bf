package dev.synin.bench;

/**
 * The stamp at the start of each chunk's content: {@code |tag:seq:sentMicros:requestMicros|}, then filler up to the
 * chunk size. Only letters, digits, spaces, '|' and ':' so no proxy has a reason to escape or split it.
 *
 * @param tag           the stream it belongs to
 * @param seq           position in the answer, from 0
 * @param sentMicros    when the fake upstream wrote the chunk ({@link BenchClock})
 * @param requestMicros when the fake upstream received the request
 */
record Marker(String tag, int seq, long sentMicros, long requestMicros) {

    private static final String FILLER = " lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod";

    String content(int chunkChars) {
        StringBuilder text = new StringBuilder(Math.max(chunkChars, 40))
                .append('|').append(tag).append(':').append(seq).append(':').append(sentMicros).append(':')
                .append(requestMicros).append('|');
        while (text.length() < chunkChars) {
            text.append(FILLER, 0, Math.min(FILLER.length(), chunkChars - text.length()));
        }
        return text.toString();
    }

    /** The marker between {@code from} and {@code to} (exclusive, without the bars), or null. */
    static Marker parse(String text, int from, int to) {
        int a = text.indexOf(':', from);
        int b = a < 0 ? -1 : text.indexOf(':', a + 1);
        int c = b < 0 ? -1 : text.indexOf(':', b + 1);
        if (c < 0 || c >= to) {
            return null;
        }
        try {
            return new Marker(text.substring(from, a), Integer.parseInt(text, a + 1, b, 10),
                    Long.parseLong(text, b + 1, c, 10), Long.parseLong(text, c + 1, to, 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
