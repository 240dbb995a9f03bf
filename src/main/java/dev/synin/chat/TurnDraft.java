package dev.synin.chat;

import java.util.List;
import java.util.UUID;

/**
 * A turn read and decided but not stored yet: {@code turn} is what the upstream is asked now, the rest is what
 * {@link ChatService#storeTurn} writes while the server processes the prompt.
 *
 * @param parentId the message the first new message follows ({@code null}: the first message of a branch)
 * @param newMessages the messages of the request to store (for a new conversation its whole opening history; none
 *        when the turn answers a stored question again or continues an answer)
 * @param continues the turn appends to the stored answer {@code turn.assistantMessageId()} instead of adding one
 * @param keepFilesOf an edited question keeps the files of the version it replaces ({@code null}: none)
 */
record TurnDraft(PreparedTurn turn, boolean newConversation, UUID parentId, List<ChatRequest.MessageInput> newMessages,
        boolean continues, UUID keepFilesOf) {

    TurnDraft(PreparedTurn turn, boolean newConversation, UUID parentId, List<ChatRequest.MessageInput> newMessages, boolean continues) {
        this(turn, newConversation, parentId, newMessages, continues, null);
    }
}
