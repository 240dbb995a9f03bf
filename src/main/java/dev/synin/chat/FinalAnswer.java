package dev.synin.chat;

import dev.synin.conversation.MessageStatus;
import dev.synin.error.ApiException;

/**
 * How an answer ended, ready to be stored in one write. Token counts are the server's own; where it gave none they
 * stay {@code null} (a count of chunks is not a count of tokens).
 *
 * @param reason why an answer that is not complete ended, in words for the user; {@code null} when complete or stopped
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
        String reason) {
}
