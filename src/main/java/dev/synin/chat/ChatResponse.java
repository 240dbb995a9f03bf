package dev.synin.chat;

import java.util.UUID;

import dev.synin.conversation.MessageView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of {@code POST /api/chat}. */
@RegisterForReflection
public record ChatResponse(UUID conversationId, MessageView message, boolean historyTrimmed, int droppedMessages) {
}
