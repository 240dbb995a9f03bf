package dev.synin.chat;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.synin.conversation.AnswersRemoved;

/**
 * Stops the answer being generated in a conversation, wherever it runs: here directly; elsewhere by marking its row
 * (which the generating replica reads at its next save, so an acknowledged Stop is never lost) and notifying at once.
 */
@ApplicationScoped
public class AnswerStopper {

    private final GenerationRegistry registry;
    private final ChatService chat;
    private final StopSignals signals;

    AnswerStopper(GenerationRegistry registry, ChatService chat, StopSignals signals) {
        this.registry = registry;
        this.chat = chat;
        this.signals = signals;
    }

    /** @return whether an answer was being generated (and is now stopping) */
    boolean stop(UUID conversationId) {
        if (registry.stop(conversationId)) {
            return true;
        }
        if (chat.requestStop(conversationId)) {
            signals.broadcastStop(conversationId);
            return true;
        }
        return false;
    }

    /**
     * Delete and Clear stop the conversation's answer too, once they are committed: its row is gone, which the
     * generating replica also notices at its next save if the notification does not reach it.
     */
    void onRemoval(@Observes(during = TransactionPhase.AFTER_SUCCESS) AnswersRemoved removed) {
        if (!registry.stop(removed.conversationId())) {
            signals.broadcastStop(removed.conversationId());
        }
    }
}
