package dev.synin.conversation;

import java.util.UUID;

/**
 * Fired before a conversation's messages are deleted (Delete or Clear), so whatever generates an answer in it can stop:
 * the conversation package tells, it does not know who listens.
 */
public record AnswersRemoved(UUID conversationId) {
}
