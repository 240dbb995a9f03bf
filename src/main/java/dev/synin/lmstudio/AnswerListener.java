package dev.synin.lmstudio;

import dev.synin.lmstudio.dto.Usage;

/**
 * Receives one streaming answer as typed pieces, in order and never concurrently: decoding, {@code <think>}
 * splitting, timeouts and error translation have already happened inside this package.
 */
public interface AnswerListener {

    /** Text arrived; at least one of the two is non-empty. */
    void onText(String reasoning, String content);

    /** The server's token counts (the usage chunk of {@code stream_options.include_usage}). */
    void onUsage(Usage usage);

    /** What the server measured itself (llama-server's {@code timings}); most servers never send it. */
    default void onTimings(ServerTimings timings) {
    }

    /** llama-server is reading the prompt: {@code processed} of {@code total} tokens so far. */
    default void onProgress(int processed, int total) {
    }

    /** The stream is over, whichever way; called exactly once, also after {@link UpstreamAnswer#cancel()}. */
    void onEnd(UpstreamEnding ending);
}
