package dev.synin.chat;

import dev.synin.conversation.Conversation;
import dev.synin.conversation.Sampling;

/**
 * A conversation's model settings as a chat request leaves them: settings sent with a chat become the conversation's
 * own, so a reload or another tab uses them too.
 */
record Settings(String model, Double temperature, Integer maxTokens, String systemPrompt, Sampling sampling) {

    static Settings of(Conversation conversation) {
        return conversation == null ? new Settings(null, null, null, null, null)
                : new Settings(conversation.model, conversation.temperature, conversation.maxTokens, conversation.systemPrompt,
                        conversation.sampling);
    }

    Settings with(ChatRequest request) {
        return new Settings(
                request.model() != null && !request.model().isBlank() ? request.model().strip() : model,
                request.temperature() != null ? request.temperature() : temperature,
                request.maxTokens() != null ? request.maxTokens() : maxTokens,
                request.systemPrompt() != null ? (request.systemPrompt().isBlank() ? null : request.systemPrompt()) : systemPrompt,
                request.sampling() != null ? (request.sampling().isEmpty() ? null : request.sampling()) : sampling);
    }

    static void apply(Conversation conversation, ChatRequest request) {
        Settings changed = of(conversation).with(request);
        conversation.model = changed.model();
        conversation.temperature = changed.temperature();
        conversation.maxTokens = changed.maxTokens();
        conversation.systemPrompt = changed.systemPrompt();
        conversation.sampling = changed.sampling();
    }
}
