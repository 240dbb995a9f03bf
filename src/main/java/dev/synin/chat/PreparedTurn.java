package dev.synin.chat;

import java.util.List;
import java.util.UUID;

import dev.synin.lmstudio.dto.UpstreamMessage;

/** A turn whose user message is stored and whose answer is about to be asked for. */
record PreparedTurn(
        UUID conversationId,
        UUID userMessageId,
        UUID assistantMessageId,
        String model,
        Double temperature,
        Integer maxTokens,
        List<UpstreamMessage> history) {

    PreparedTurn withModel(String resolved) {
        return new PreparedTurn(conversationId, userMessageId, assistantMessageId, resolved, temperature, maxTokens, history);
    }

    PreparedTurn withHistory(List<UpstreamMessage> trimmed) {
        return new PreparedTurn(conversationId, userMessageId, assistantMessageId, model, temperature, maxTokens, trimmed);
    }
}
