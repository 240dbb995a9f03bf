package dev.synin.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Inject
    dev.synin.attachment.AttachmentService attachments;

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
        Map<UUID, UUID> matches = search == null || search.isBlank() ? Map.of()
                : Message.newestMatches(conversations.stream().map(c -> c.id).toList(), search);
        return new ConversationViews.Page(
                conversations.stream().map(c -> ConversationViews.Summary.of(c, generating.contains(c.id), matches.get(c.id))).toList(),
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
        return ConversationViews.Detail.of(conversation, Message.listByConversation(id), attachments::viewsFor);
    }

    /** Everything of the conversation, every branch, as Synin exports it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ConversationViews.Export export(String ownerId, UUID id) {
        List<Message> all = Message.listByConversation(id);
        Map<UUID, List<ConversationViews.ExportedFile>> files = new java.util.LinkedHashMap<>();
        attachments.viewsFor(all.stream().filter(m -> m.role == MessageRole.USER).map(m -> m.id).toList()).forEach((message, views) ->
                files.put(message, views.stream().map(view -> {
                    dev.synin.attachment.AttachmentService.Download file = attachments.original(ownerId, view.id());
                    return new ConversationViews.ExportedFile(file.name(), file.type(), java.util.Base64.getEncoder().encodeToString(file.bytes()));
                }).toList()));
        return ConversationViews.Export.of(owned(ownerId, id), all, files);
    }

    /**
     * Shows the branch through {@code messageId}: the one below it that was shown last (a version switcher "2/3"
     * names the sibling to go to). Later questions continue that branch.
     */
    public ConversationViews.Detail showBranch(String ownerId, UUID id, UUID messageId) {
        Conversation conversation = owned(ownerId, id);
        List<Message> all = Message.listByConversation(id);
        ConversationTree<Message> tree = ConversationTree.of(all, Message::node);
        if (messageId == null || !tree.contains(messageId)) {
            throw ApiException.notFound("Message " + messageId + " not found in this conversation.");
        }
        UUID leaf = tree.leafBelow(messageId);
        conversation.currentLeafId = leaf;
        tree.get(leaf).ifPresent(m -> m.visitedAt = Instant.now());
        return ConversationViews.Detail.of(conversation, all, attachments::viewsFor);
    }

    /** A new conversation holding the branch from the first message to {@code messageId}, with the same settings. */
    public ConversationViews.Summary fork(String ownerId, UUID id, UUID messageId) {
        Conversation source = owned(ownerId, id);
        ConversationTree<Message> tree = ConversationTree.of(Message.listByConversation(id), Message::node);
        if (messageId == null || !tree.contains(messageId)) {
            throw ApiException.notFound("Message " + messageId + " not found in this conversation.");
        }
        List<Message> path = tree.pathTo(messageId);
        if (path.stream().anyMatch(m -> m.status == MessageStatus.STREAMING)) {
            throw new ApiException(dev.synin.error.ErrorCode.CONFLICT,
                    "This answer is still being generated; branch from it once it has finished.");
        }
        String suffix = " (branch)";
        String title = source.title.length() + suffix.length() <= Conversation.TITLE_MAX ? source.title + suffix : source.title;
        Conversation copy = Conversation.start(ownerId, title);
        copy.model = source.model;
        copy.temperature = source.temperature;
        copy.maxTokens = source.maxTokens;
        copy.systemPrompt = source.systemPrompt;
        copy.sampling = source.sampling;
        copy.persist();
        UUID parent = null;
        int seq = 0;
        Message last = null;
        for (Message original : path) {
            last = original.copyInto(copy.id, parent, seq++);
            last.persist();
            parent = last.id;
        }
        last.visitedAt = Instant.now();
        copy.currentLeafId = last.id;
        return ConversationViews.Summary.of(copy, false);
    }

    /** Stores what an export file holds as new conversations of this owner, with new ids: all of it or nothing. */
    public List<ConversationViews.Summary> importAll(String ownerId, List<ImportedConversation> imported) {
        List<ConversationViews.Summary> stored = new ArrayList<>(imported.size());
        Instant now = Instant.now();
        for (ImportedConversation source : imported) {
            Conversation conversation = Conversation.start(ownerId, source.title());
            conversation.model = source.model();
            conversation.temperature = source.temperature();
            conversation.maxTokens = source.maxTokens();
            conversation.systemPrompt = source.systemPrompt();
            conversation.createdAt = source.createdAt() != null ? source.createdAt() : now;
            conversation.updatedAt = source.updatedAt() != null ? source.updatedAt() : conversation.createdAt;
            conversation.persist();
            Map<String, UUID> ids = new java.util.HashMap<>();
            int seq = 0;
            for (ImportedConversation.Message m : source.messages()) {
                Message message = Message.create(conversation.id, m.parentKey() == null ? null : ids.get(m.parentKey()), seq++,
                        m.role(), m.content(), m.status());
                message.reasoning = m.reasoning() == null || m.reasoning().isEmpty() ? null : m.reasoning();
                message.model = m.model();
                message.finishReason = m.finishReason();
                message.promptTokens = m.promptTokens();
                message.completionTokens = m.completionTokens();
                message.ttftMs = m.ttftMs();
                message.durationMs = m.durationMs();
                message.errorCode = m.errorCode();
                message.errorMessage = m.errorMessage();
                message.createdAt = m.createdAt() != null ? m.createdAt() : conversation.createdAt;
                message.updatedAt = message.createdAt;
                if (m.key().equals(source.currentKey())) {
                    message.visitedAt = now;
                    conversation.currentLeafId = message.id;
                }
                message.persist();
                ids.put(m.key(), message.id);
                if (!m.files().isEmpty()) {
                    // Each file is read again as if uploaded (the same checks), then given to its question.
                    List<UUID> uploaded = m.files().stream()
                            .map(file -> attachments.upload(ownerId, file.name(), file.type(), file.bytes()).id()).toList();
                    attachments.claim(ownerId, uploaded, message.id);
                }
            }
            stored.add(ConversationViews.Summary.of(conversation, false));
        }
        return stored;
    }

    /**
     * Gives a conversation the title the model wrote, unless its title changed meanwhile (renamed by its owner, or the
     * conversation is gone). The conversation keeps its place in the list.
     */
    public void retitle(UUID id, String expected, String title) {
        Conversation conversation = Conversation.findById(id);
        if (conversation != null && conversation.title.equals(expected) && !title.isBlank()) {
            conversation.title = title.length() > Conversation.TITLE_MAX ? title.substring(0, Conversation.TITLE_MAX) : title;
        }
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
        if (changes.sampling() != null) {
            conversation.sampling = changes.sampling().isEmpty() ? null : changes.sampling();
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
        conversation.currentLeafId = null;
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
