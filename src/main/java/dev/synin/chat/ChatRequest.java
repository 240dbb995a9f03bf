package dev.synin.chat;

import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /api/chat} and {@code /api/chat/stream}.
 *
 * @param conversationId continue this conversation; absent: start one from {@code messages}
 * @param messages for a new conversation the whole opening history; otherwise only the last user message counts
 * @param regenerate answer the last user message again, replacing the answer after it
 * @param editMessageId replace this user message (and everything after it) with the last user message of {@code messages}
 */
@RegisterForReflection
public record ChatRequest(
        UUID conversationId,
        List<MessageInput> messages,
        String model,
        Double temperature,
        Integer maxTokens,
        String systemPrompt,
        Boolean regenerate,
        UUID editMessageId) {

    @RegisterForReflection
    public record MessageInput(String role, String content) {
    }

    public boolean isRegenerate() {
        return Boolean.TRUE.equals(regenerate);
    }
}
