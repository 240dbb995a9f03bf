package dev.synin.chat;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.conversation.MessageRole;
import dev.synin.error.ApiException;

/** Rejects a chat request with a message that says exactly what is wrong, before anything is stored. */
@ApplicationScoped
public class ChatRequestValidator {

    private final ChatConfig config;

    ChatRequestValidator(ChatConfig config) {
        this.config = config;
    }

    public void validate(ChatRequest request) {
        if (request == null) {
            throw ApiException.badRequest("The request body is empty; send JSON like {\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}.");
        }
        List<ChatRequest.MessageInput> messages = request.messages() == null ? List.of() : request.messages();
        if (messages.size() > config.maxMessages()) {
            throw ApiException.badRequest("Too many messages: " + messages.size() + " (at most " + config.maxMessages() + ").");
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatRequest.MessageInput message = messages.get(i);
            if (message == null) {
                throw ApiException.badRequest("messages[" + i + "] is null.");
            }
            if (MessageRole.parse(message.role()).isEmpty()) {
                throw ApiException.badRequest("messages[" + i + "].role must be one of system, user, assistant (got "
                        + (message.role() == null ? "nothing" : "\"" + message.role() + "\"") + ").");
            }
            if (message.content() == null) {
                throw ApiException.badRequest("messages[" + i + "].content is missing.");
            }
            if (message.content().length() > config.maxMessageLength()) {
                throw ApiException.badRequest("messages[" + i + "].content is " + message.content().length()
                        + " characters long (at most " + config.maxMessageLength() + ").");
            }
        }
        if (request.isRegenerate()) {
            if (request.conversationId() == null) {
                throw ApiException.badRequest("regenerate needs a conversationId.");
            }
        } else {
            ChatRequest.MessageInput last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
            if (last == null || MessageRole.parse(last.role()).orElseThrow() != MessageRole.USER) {
                throw ApiException.badRequest("messages must end with a user message.");
            }
            if (last.content().isBlank()) {
                throw ApiException.badRequest("The user message is empty.");
            }
        }
        if (request.editMessageId() != null && request.conversationId() == null) {
            throw ApiException.badRequest("editMessageId needs a conversationId.");
        }
        validateSettings(request.temperature(), request.maxTokens(), request.systemPrompt(), request.model(), config);
    }

    /** Shared with the conversation settings endpoint, which accepts the same values. */
    public static void validateSettings(Double temperature, Integer maxTokens, String systemPrompt, String model, ChatConfig config) {
        if (temperature != null && (temperature.isNaN() || temperature < 0 || temperature > 2)) {
            throw ApiException.badRequest("temperature must be between 0 and 2 (got " + temperature + ").");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw ApiException.badRequest("maxTokens must be at least 1 (got " + maxTokens + ").");
        }
        if (systemPrompt != null && systemPrompt.length() > config.maxMessageLength()) {
            throw ApiException.badRequest("systemPrompt is too long (at most " + config.maxMessageLength() + " characters).");
        }
        if (model != null && model.length() > 300) {
            throw ApiException.badRequest("model is too long.");
        }
    }
}
