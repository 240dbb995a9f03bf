package dev.synin.chat;

import dev.synin.conversation.MessageStatus;
import dev.synin.error.ApiException;

/** How an answer ended, ready to be stored in one write. */
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
        ApiException error) {
}
