package dev.synin.chat;

import java.util.List;

/**
 * A turn read and decided but not stored yet: {@code turn} is what the upstream is asked now, the rest is what
 * {@link ChatService#storeTurn} writes while the server processes the prompt.
 *
 * @param deleteFromSeq Regenerate or Edit replace the messages from this position on ({@code null}: none)
 * @param firstSeq the position of the first new message
 * @param newMessages the messages of the request to store (for a new conversation its whole opening history)
 */
record TurnDraft(PreparedTurn turn, boolean newConversation, Integer deleteFromSeq, int firstSeq,
        List<ChatRequest.MessageInput> newMessages) {
}
