package dev.synin.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.synin.attachment.AttachmentService;
import dev.synin.attachment.ResolvedAttachment;
import dev.synin.conversation.Conversation;
import dev.synin.conversation.ConversationTree;
import dev.synin.conversation.Message;
import dev.synin.conversation.MessageRole;
import dev.synin.conversation.MessageStatus;
import dev.synin.conversation.StoredTurn;
import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import dev.synin.lmstudio.dto.UpstreamMessage;

/**
 * The database side of a turn: reads what the turn needs, stores the question and a placeholder for the answer while
 * the server already reads the prompt, and the answer in one write when it ends, however it ends.
 */
@ApplicationScoped
public class ChatService {

    static final int TITLE_LENGTH = 60;

    private final ChatConfig config;
    private final AttachmentService attachments;
    private final RunCards runCards;

    ChatService(ChatConfig config, AttachmentService attachments, RunCards runCards) {
        this.config = config;
        this.attachments = attachments;
        this.runCards = runCards;
    }

    /**
     * Reads what the turn needs and decides it, without writing: the answer can be asked for at once, and the
     * question stored ({@link #storeTurn}) while the server reads the prompt. Refuses a turn while another answer of
     * the conversation is being generated. Nothing is ever replaced: a new question, an edit and an answer given
     * again each start a new version below the message they follow, and the branch sent is the one they are on.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    TurnDraft readTurn(String ownerId, ChatRequest request) {
        if (request.conversationId() == null) {
            Settings settings = Settings.of(null).with(request);
            List<UpstreamMessage> upstream = PromptHistory.of(settings.systemPrompt(), List.of(), false);
            List<ChatRequest.MessageInput> opening = request.messages();
            for (int i = 0; i < opening.size(); i++) {
                ChatRequest.MessageInput input = opening.get(i);
                if (i == opening.size() - 1) {
                    upstream.add(PromptHistory.question(input.content(), attachments.pending(ownerId, input.attachmentIds())));
                } else {
                    refuseEarlierFiles(input);
                    upstream.add(new UpstreamMessage(MessageRole.parse(input.role()).orElseThrow().wire(), input.content()));
                }
            }
            return new TurnDraft(turn(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), settings, upstream, null), true,
                    null, request.messages(), false);
        }
        Conversation conversation = Conversation.findOwned(request.conversationId(), ownerId)
                .orElseThrow(() -> ApiException.notFound("Conversation " + request.conversationId() + " not found."));
        Settings settings = Settings.of(conversation).with(request);
        List<StoredTurn> all = Message.turnsOf(conversation.id);
        refuseWhileGenerating(all);
        ConversationTree<StoredTurn> tree = ConversationTree.of(all, StoredTurn::node);
        UUID leaf = tree.currentLeaf(conversation.currentLeafId);
        if (request.continueMessageId() != null) {
            return continuing(conversation.id, settings, tree, request.continueMessageId());
        }
        if (request.isRegenerate()) {
            StoredTurn question = questionToAnswerAgain(tree, request.regenerateMessageId(), leaf);
            List<StoredTurn> path = tree.pathTo(question.id());
            List<UpstreamMessage> upstream = PromptHistory.of(settings.systemPrompt(), path, false, filesOf(path));
            return new TurnDraft(turn(conversation.id, question.id(), UUID.randomUUID(), settings, upstream, null), false,
                    question.id(), List.of(), false);
        }
        UUID parent;
        UUID keepFilesOf = null;
        if (request.editMessageId() != null) {
            StoredTurn edited = tree.get(request.editMessageId()).filter(m -> m.role() == MessageRole.USER)
                    .orElseThrow(() -> ApiException.notFound("User message " + request.editMessageId() + " not found in this conversation."));
            parent = edited.parentId(); // null: the first question gets a new version
            keepFilesOf = edited.id();
        } else if (request.parentMessageId() != null) {
            parent = tree.get(request.parentMessageId()).map(StoredTurn::id).orElseThrow(
                    () -> ApiException.notFound("Message " + request.parentMessageId() + " not found in this conversation."));
        } else {
            parent = leaf;
        }
        ChatRequest.MessageInput question = request.messages().get(request.messages().size() - 1);
        List<StoredTurn> path = tree.pathTo(parent);
        List<UpstreamMessage> upstream = PromptHistory.of(settings.systemPrompt(), path, true, filesOf(path));
        List<ResolvedAttachment> files = new ArrayList<>();
        if (keepFilesOf != null) {
            files.addAll(attachments.forMessages(List.of(keepFilesOf))); // an edited question keeps its files
        }
        files.addAll(attachments.pending(ownerId, question.attachmentIds()));
        upstream.add(PromptHistory.question(question.content(), files));
        return new TurnDraft(turn(conversation.id, UUID.randomUUID(), UUID.randomUUID(), settings, upstream, null), false,
                parent, List.of(question), false, keepFilesOf);
    }

    private static PreparedTurn turn(UUID conversationId, UUID questionId, UUID answerId, Settings settings,
            List<UpstreamMessage> upstream, PreparedTurn.Continuation continuation) {
        return new PreparedTurn(conversationId, questionId, answerId, settings.model(), settings.temperature(),
                settings.maxTokens(), settings.sampling(), upstream, continuation);
    }

    /** Regenerate: the question of the named answer, or of the branch's last answer (or its unanswered question). */
    private static StoredTurn questionToAnswerAgain(ConversationTree<StoredTurn> tree, UUID answerId, UUID leaf) {
        if (answerId == null && leaf == null) {
            throw ApiException.badRequest("There is no user message to answer again.");
        }
        StoredTurn at = tree.get(answerId != null ? answerId : leaf)
                .orElseThrow(() -> ApiException.notFound("Message " + answerId + " not found in this conversation."));
        if (at.role() == MessageRole.USER && answerId == null) {
            return at;
        }
        if (at.role() != MessageRole.ASSISTANT) {
            throw ApiException.badRequest("regenerateMessageId must name an answer, not a " + at.role().wire() + " message.");
        }
        return tree.get(at.parentId()).filter(m -> m.role() == MessageRole.USER)
                .orElseThrow(() -> ApiException.badRequest("This answer follows no question, so there is nothing to answer again."));
    }

    /**
     * Continue: the branch up to and with the cut-off answer is sent, the answer last, and the server goes on from
     * its last word (an assistant prefill); the new text is appended to the same message.
     */
    private TurnDraft continuing(UUID conversationId, Settings settings, ConversationTree<StoredTurn> tree, UUID answerId) {
        StoredTurn answer = tree.get(answerId).filter(m -> m.role() == MessageRole.ASSISTANT)
                .orElseThrow(() -> ApiException.notFound("Answer " + answerId + " not found in this conversation."));
        if (!tree.childIds(answer.id()).isEmpty()) {
            throw ApiException.badRequest("Only the last answer of a branch can be continued; this one has later messages.");
        }
        if (answer.content().isEmpty()) {
            throw ApiException.badRequest("This answer has no text to continue; regenerate it instead.");
        }
        if (answer.status() == MessageStatus.COMPLETE && !"length".equals(answer.finishReason())) {
            throw ApiException.badRequest("This answer is finished; only an answer that was cut off (by Max tokens, Stop or an "
                    + "interruption) can be continued.");
        }
        Message stored = Message.findById(answer.id());
        List<StoredTurn> path = tree.pathTo(answer.id());
        List<UpstreamMessage> upstream = PromptHistory.of(settings.systemPrompt(), path, false, filesOf(path));
        PreparedTurn.Continuation continuation = new PreparedTurn.Continuation(stored.content,
                stored.reasoning == null ? "" : stored.reasoning, stored.completionTokens);
        return new TurnDraft(turn(conversationId, answer.parentId(), answer.id(), settings, upstream, continuation), false,
                answer.parentId(), List.of(), true);
    }

    /**
     * Stores the question and a placeholder for the answer, as decided by {@link #readTurn}, and makes the answer the
     * end of the branch shown. The conversation's row is locked and the one-answer-at-a-time rule checked again,
     * against a request that raced this one.
     */
    @Transactional
    void storeTurn(String ownerId, ChatRequest request, TurnDraft draft) {
        PreparedTurn turn = draft.turn();
        Conversation conversation;
        if (draft.newConversation()) {
            conversation = newConversation(ownerId, request);
            conversation.id = turn.conversationId();
            conversation.persist();
        } else {
            conversation = Conversation.findOwnedForUpdate(turn.conversationId(), ownerId)
                    .orElseThrow(() -> ApiException.notFound("Conversation " + turn.conversationId() + " not found."));
            List<StoredTurn> streaming = Message.streamingTurnsOf(conversation.id);
            refuseWhileGenerating(streaming);
            // What is left streaming now belongs to a replica that died; the sweeper would mark it soon, do it now.
            streaming.forEach(dead -> Message.markInterrupted(dead.id(), DeadAnswerSweeper.REASON));
            if (draft.parentId() != null && Message.findById(draft.parentId()) == null) {
                throw new ApiException(ErrorCode.CONFLICT, "The conversation was cleared meanwhile; reload it and ask again.");
            }
        }
        Settings.apply(conversation, request);
        Instant now = Instant.now();
        if (draft.continues()) {
            Message answer = Message.findById(turn.assistantMessageId());
            answer.status = MessageStatus.STREAMING;
            answer.stopRequested = false;
            answer.finishReason = null;
            answer.errorCode = null;
            answer.errorMessage = null;
            answer.updatedAt = now;
            answer.visitedAt = now;
            conversation.currentLeafId = answer.id;
            conversation.touch();
            return;
        }
        int seq = draft.newConversation() ? 0 : Message.nextSeq(conversation.id);
        UUID parent = draft.parentId();
        for (int i = 0; i < draft.newMessages().size(); i++) {
            ChatRequest.MessageInput input = draft.newMessages().get(i);
            MessageRole role = MessageRole.parse(input.role()).orElseThrow();
            Message stored = Message.create(conversation.id, parent, seq++, role, input.content(), MessageStatus.COMPLETE);
            boolean question = i == draft.newMessages().size() - 1;
            if (question) {
                stored.id = turn.userMessageId();
            }
            stored.persist();
            parent = stored.id;
            if (question) {
                if (draft.keepFilesOf() != null) {
                    attachments.copyToMessage(ownerId, draft.keepFilesOf(), stored.id);
                }
                attachments.claim(ownerId, input.attachmentIds(), stored.id);
            }
        }
        Message answer = Message.create(conversation.id, parent, seq, MessageRole.ASSISTANT, "", MessageStatus.STREAMING);
        answer.id = turn.assistantMessageId();
        answer.model = conversation.model;
        answer.visitedAt = now;
        answer.persist();
        conversation.currentLeafId = answer.id;
        conversation.touch();
    }

    /** The files of the branch's questions, by message (one query for the whole branch). */
    private Map<UUID, List<ResolvedAttachment>> filesOf(List<StoredTurn> path) {
        List<UUID> questions = path.stream().filter(m -> m.role() == MessageRole.USER).map(StoredTurn::id).toList();
        return attachments.forMessages(questions).stream().collect(Collectors.groupingBy(ResolvedAttachment::messageId));
    }

    /** Files go with the question; an opening history's earlier messages are context, sent as text. */
    private static void refuseEarlierFiles(ChatRequest.MessageInput input) {
        if (!input.attachmentIds().isEmpty()) {
            throw ApiException.badRequest("Only the last message (the question) may carry attachments.");
        }
    }

    /**
     * One answer at a time per conversation, across replicas: a running generation refreshes its row every few seconds
     * ({@link PartialAnswerFlusher}), so a STREAMING row that has gone quiet belongs to a replica that died and does
     * not count ({@link DeadAnswerSweeper} marks it).
     */
    private void refuseWhileGenerating(List<StoredTurn> history) {
        Instant staleBefore = Instant.now().minus(config.assumedDeadAfter());
        for (StoredTurn running : history) {
            if (running.status() == MessageStatus.STREAMING && running.updatedAt().isAfter(staleBefore)) {
                throw new ApiException(ErrorCode.CONFLICT,
                        "An answer is still being generated in this conversation; stop it or wait for it to finish.");
            }
        }
    }

    private static Conversation newConversation(String ownerId, ChatRequest request) {
        String firstUser = request.messages().stream().filter(m -> "user".equalsIgnoreCase(m.role().strip()))
                .map(ChatRequest.MessageInput::content).findFirst().orElse("New chat");
        return Conversation.start(ownerId, titleFrom(firstUser));
    }

    /**
     * The first question on one line, shortened. Bidirectional controls (U+202A-202E, U+2066-2069) are dropped:
     * in a title they only serve to make "gpj.exe" look like "exe.jpg".
     */
    static String titleFrom(String text) {
        String oneLine = text.replaceAll("[\\u202A-\\u202E\\u2066-\\u2069]", "").strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "New chat";
        }
        return oneLine.length() <= TITLE_LENGTH ? oneLine : oneLine.substring(0, TITLE_LENGTH - 1).strip() + "…";
    }

    /**
     * Marks the answer being generated in this conversation as to be stopped, for the replica generating it to find
     * even if the notification that follows is lost. @return whether an answer was being generated
     */
    @Transactional
    boolean requestStop(UUID conversationId) {
        return Message.requestStop(conversationId) > 0;
    }

    /** Stores how the answer ended. Called exactly once per turn. */
    @Transactional
    void finishAnswer(PreparedTurn turn, FinalAnswer answer) {
        Message message = Message.findById(turn.assistantMessageId());
        if (message == null) {
            return; // the conversation was deleted or cleared while the answer streamed
        }
        message.status = answer.status();
        message.content = answer.content();
        message.reasoning = answer.reasoning() == null || answer.reasoning().isEmpty() ? null : answer.reasoning();
        message.model = answer.model() != null ? answer.model() : turn.model();
        message.finishReason = answer.finishReason();
        message.promptTokens = answer.promptTokens();
        Integer before = turn.continuation() == null ? null : turn.continuation().completionTokens();
        message.completionTokens = answer.completionTokens();
        if (before != null && answer.completionTokens() != null) {
            message.completionTokens = before + answer.completionTokens(); // the continued answer counts its first part too
        }
        message.ttftMs = answer.ttftMs();
        message.durationMs = answer.durationMs();
        message.runCard = runCards.of(turn, answer);
        if (answer.error() != null) {
            message.errorCode = answer.error().errorCode().code();
            message.errorMessage = answer.error().getMessage();
        } else {
            message.errorCode = null;
            message.errorMessage = answer.reason();
        }
        message.updatedAt = Instant.now();
        Conversation.<Conversation> findByIdOptional(turn.conversationId()).ifPresent(Conversation::touch);
    }
}
