package dev.synin.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A conversation read from an export file, checked and ready to store with new ids. Messages come parents first;
 * {@code key} and {@code parentKey} are the file's own ids, only used to link them.
 */
record ImportedConversation(String title, String model, Double temperature, Integer maxTokens, String systemPrompt,
        Instant createdAt, Instant updatedAt, List<Message> messages, String currentKey) {

    /** One message of the file; {@code parentKey} {@code null} for a first message. */
    record Message(String key, String parentKey, MessageRole role, String content, String reasoning, MessageStatus status,
            String model, String finishReason, Integer promptTokens, Integer completionTokens, Long ttftMs, Long durationMs,
            String errorCode, String errorMessage, Instant createdAt, List<File> files) {
    }

    /** A file a question carried, as the export holds it. */
    record File(String name, String type, byte[] bytes) {
    }
}
