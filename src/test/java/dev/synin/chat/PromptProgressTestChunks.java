package dev.synin.chat;

/** llama-server's progress chunks, for the tests outside this package. */
public final class PromptProgressTestChunks {

    private PromptProgressTestChunks() {
    }

    public static String progress(int processed, int total) {
        return PromptProgressTest.progressChunk(processed, total);
    }
}
