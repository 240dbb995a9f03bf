package dev.synin.chat;

import java.util.List;
import java.util.UUID;

import dev.synin.lmstudio.dto.UpstreamMessage;

/**
 * A turn whose user message is stored and whose answer is about to be asked for.
 *
 * @param continuation the text of the answer this turn continues ({@code null}: a new answer)
 */
record PreparedTurn(
        UUID conversationId,
        UUID userMessageId,
        UUID assistantMessageId,
        String model,
        Double temperature,
        Integer maxTokens,
        dev.synin.conversation.Sampling sampling,
        List<UpstreamMessage> history,
        Continuation continuation) {

    /** What a continued answer already says, which its new text is appended to. */
    record Continuation(String content, String reasoning, Integer completionTokens) {
    }

    PreparedTurn withModel(String resolved) {
        return new PreparedTurn(conversationId, userMessageId, assistantMessageId, resolved, temperature, maxTokens, sampling,
                history, continuation);
    }

    PreparedTurn withHistory(List<UpstreamMessage> trimmed) {
        return new PreparedTurn(conversationId, userMessageId, assistantMessageId, model, temperature, maxTokens, sampling,
                trimmed, continuation);
    }
}
