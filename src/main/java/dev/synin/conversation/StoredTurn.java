package dev.synin.conversation;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A stored message as a chat turn needs it, read as a plain projection: no managed entity, no snapshot to
 * dirty-check at commit. Reading a long conversation this way is what keeps the first token fast.
 */
@RegisterForReflection
public record StoredTurn(UUID id, UUID parentId, int seq, MessageRole role, String content, MessageStatus status,
        String finishReason, Instant updatedAt, Instant visitedAt) {

    public static StoredTurn of(Message message) {
        return new StoredTurn(message.id, message.parentId, message.seq, message.role, message.content, message.status,
                message.finishReason, message.updatedAt, message.visitedAt);
    }

    public ConversationTree.Node node() {
        return new ConversationTree.Node(id, parentId, seq, visitedAt);
    }
}
