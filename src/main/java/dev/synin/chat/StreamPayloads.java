package dev.synin.chat;

import java.util.UUID;

import dev.synin.conversation.MessageView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The JSON of each named event of {@code POST /api/chat/stream}. */
final class StreamPayloads {

    private StreamPayloads() {
    }

    @RegisterForReflection
    record Start(UUID conversationId, UUID userMessageId, UUID assistantMessageId, String model,
            boolean historyTrimmed, int droppedMessages) {
    }

    @RegisterForReflection
    record Done(String status, String finishReason, MessageView.UsageView usage, MessageView.TimingsView timings) {
    }
}
