package dev.synin.conversation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.synin.error.ApiException;

/** Reading and editing stored conversations, always within one owner's. */
@ApplicationScoped
@Transactional
public class ConversationService {

    @Inject
    Event<AnswersRemoved> removing;

    public static final int MAX_PAGE_SIZE = 200;

    @Transactional(Transactional.TxType.SUPPORTS)
    public ConversationViews.Page list(String ownerId, String search, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE + ".");
        }
        if (search != null && search.length() > 200) {
            throw ApiException.badRequest("The search text is too long (at most 200 characters).");
        }
        List<Conversation> conversations = Conversation.listRecent(ownerId, search, page, size);
        Set<UUID> generating = generatingAmong(conversations);
        return new ConversationViews.Page(
                conversations.stream().map(c -> ConversationViews.Summary.of(c, generating.contains(c.id))).toList(),
                page, size, Conversation.countOwned(ownerId, search));
    }

    private static Set<UUID> generatingAmong(List<Conversation> conversations) {
        if (conversations.isEmpty()) {
            return Set.of();
        }
        List<UUID> ids = conversations.stream().map(c -> c.id).toList();
        return Message.<Message> list("conversationId in ?1 and status = ?2", ids, MessageStatus.STREAMING)
                .stream().map(m -> m.conversationId).collect(Collectors.toSet());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ConversationViews.Detail get(String ownerId, UUID id) {
        Conversation conversation = owned(ownerId, id);
        return ConversationViews.Detail.of(conversation, Message.listByConversation(id));
    }

    public ConversationViews.Summary update(String ownerId, UUID id, ConversationViews.Changes changes) {
        Conversation conversation = owned(ownerId, id);
        if (changes.title() != null) {
            String title = changes.title().strip();
            if (title.isEmpty() || title.length() > Conversation.TITLE_MAX) {
                throw ApiException.badRequest("title must be 1 to " + Conversation.TITLE_MAX + " characters.");
            }
            conversation.title = title;
        }
        if (changes.model() != null) {
            conversation.model = changes.model().isBlank() ? null : changes.model().strip();
        }
        if (changes.temperature() != null) {
            conversation.temperature = changes.temperature();
        }
        if (changes.maxTokens() != null) {
            conversation.maxTokens = changes.maxTokens() == 0 ? null : changes.maxTokens();
        }
        if (changes.systemPrompt() != null) {
            conversation.systemPrompt = changes.systemPrompt().isBlank() ? null : changes.systemPrompt();
        }
        conversation.touch();
        return ConversationViews.Summary.of(conversation, !generatingAmong(List.of(conversation)).isEmpty());
    }

    public void delete(String ownerId, UUID id) {
        Conversation conversation = owned(ownerId, id);
        removing.fire(new AnswersRemoved(id));
        conversation.delete();
    }

    public void clear(String ownerId, UUID id) {
        Conversation conversation = owned(ownerId, id);
        removing.fire(new AnswersRemoved(id));
        Message.deleteByConversation(id);
        conversation.touch();
    }

    /** One stored message as the API shows it (also read outside any request, once an answer has ended). */
    public MessageView message(UUID messageId) {
        Message message = Message.findById(messageId);
        if (message == null) {
            throw ApiException.notFound("Message " + messageId + " not found; its conversation was deleted or cleared.");
        }
        return MessageView.of(message);
    }

    /** The newest answer of one of the owner's conversations, if it has one (also read by a poller, outside requests). */
    public Optional<MessageView> latestAnswer(String ownerId, UUID conversationId) {
        owned(ownerId, conversationId);
        return Message.latestAnswerOf(conversationId).map(MessageView::of);
    }

    /** Whether the conversation exists for this owner (for stop, which must not reveal others' conversations). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireOwned(String ownerId, UUID id) {
        owned(ownerId, id);
    }

    private static Conversation owned(String ownerId, UUID id) {
        return Conversation.findOwned(id, ownerId).orElseThrow(() -> ApiException.notFound("Conversation " + id + " not found."));
    }
}
