package dev.synin.chat;

import dev.synin.conversation.MessageStatus;
import dev.synin.error.ApiException;

/**
 * How an answer ended, ready to be stored in one write. Token counts are the server's own; where it gave none they
 * stay {@code null} (a count of chunks is not a count of tokens).
 *
 * @param reason why an answer that is not complete ended, in words for the user; {@code null} when complete or stopped
 * @param cachedPromptTokens prompt tokens the server took from its cache, when its usage said
 * @param serverTimings what the server measured itself, when it said ({@code null} otherwise)
 * @param chunks how many pieces of text arrived, for the run card (never shown as tokens)
 */
record FinalAnswer(
        MessageStatus status,
        String content,
        String reasoning,
        String model,
        String finishReason,
        Integer promptTokens,
        Integer completionTokens,
        Long ttftMs,
        long durationMs,
        ApiException error,
        String reason,
        Integer cachedPromptTokens,
        dev.synin.lmstudio.ServerTimings serverTimings,
        int chunks) {
}
