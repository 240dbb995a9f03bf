package dev.synin.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.synin.conversation.Conversation;
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

    ChatService(ChatConfig config) {
        this.config = config;
    }

    /**
     * Reads what the turn needs and decides it, without writing: the answer can be asked for at once, and the
     * question stored ({@link #storeTurn}) while the server reads the prompt. Refuses a turn while another answer of
     * the conversation is being generated.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    TurnDraft readTurn(String ownerId, ChatRequest request) {
        boolean isNew = request.conversationId() == null;
        Settings settings;
        List<StoredTurn> history;
        UUID conversationId;
        if (isNew) {
            conversationId = UUID.randomUUID();
            settings = Settings.of(null).with(request);
            history = new ArrayList<>();
        } else {
            Conversation conversation = Conversation.findOwned(request.conversationId(), ownerId)
                    .orElseThrow(() -> ApiException.notFound("Conversation " + request.conversationId() + " not found."));
            conversationId = conversation.id;
            settings = Settings.of(conversation).with(request);
            history = new ArrayList<>(Message.turnsOf(conversation.id));
            refuseWhileGenerating(history);
        }
        Integer deleteFrom = null;
        UUID userMessageId;
        List<ChatRequest.MessageInput> toStore;
        if (request.isRegenerate()) {
            StoredTurn question = lastUserMessage(history);
            deleteFrom = question.seq() + 1;
            userMessageId = question.id();
            toStore = List.of();
        } else {
            if (request.editMessageId() != null) {
                StoredTurn edited = history.stream()
                        .filter(m -> m.id().equals(request.editMessageId()) && m.role() == MessageRole.USER).findFirst()
                        .orElseThrow(() -> ApiException.notFound("User message " + request.editMessageId() + " not found in this conversation."));
                deleteFrom = edited.seq();
            }
            toStore = isNew ? request.messages() : List.of(request.messages().get(request.messages().size() - 1));
            userMessageId = UUID.randomUUID();
        }
        if (deleteFrom != null) {
            int from = deleteFrom;
            history.removeIf(m -> m.seq() >= from);
        }
        int firstSeq = history.isEmpty() ? 0 : history.get(history.size() - 1).seq() + 1;
        List<UpstreamMessage> upstream = upstreamHistory(settings.systemPrompt(), history);
        for (ChatRequest.MessageInput input : toStore) {
            upstream.add(new UpstreamMessage(MessageRole.parse(input.role()).orElseThrow().wire(), input.content()));
        }
        PreparedTurn turn = new PreparedTurn(conversationId, userMessageId, UUID.randomUUID(), settings.model(),
                settings.temperature(), settings.maxTokens(), upstream);
        return new TurnDraft(turn, isNew, deleteFrom, firstSeq, toStore);
    }

    /**
     * Stores the question and a placeholder for the answer, as decided by {@link #readTurn}. The conversation's row
     * is locked and the one-answer-at-a-time rule checked again, against a request that raced this one.
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
            refuseWhileGenerating(Message.streamingTurnsOf(conversation.id));
        }
        Settings.apply(conversation, request);
        if (draft.deleteFromSeq() != null) {
            Message.deleteFrom(conversation.id, draft.deleteFromSeq());
        }
        int seq = draft.firstSeq();
        for (int i = 0; i < draft.newMessages().size(); i++) {
            ChatRequest.MessageInput input = draft.newMessages().get(i);
            MessageRole role = MessageRole.parse(input.role()).orElseThrow();
            Message stored = Message.create(conversation.id, seq++, role, input.content(), MessageStatus.COMPLETE);
            if (i == draft.newMessages().size() - 1) {
                stored.id = turn.userMessageId();
            }
            stored.persist();
        }
        Message answer = Message.create(conversation.id, seq, MessageRole.ASSISTANT, "", MessageStatus.STREAMING);
        answer.id = turn.assistantMessageId();
        answer.model = conversation.model;
        answer.persist();
        conversation.touch();
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

    private static StoredTurn lastUserMessage(List<StoredTurn> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).role() == MessageRole.USER) {
                return history.get(i);
            }
        }
        throw ApiException.badRequest("There is no user message to answer again.");
    }

    /**
     * The stored history as the server should see it: the system prompt first, then every turn; answers that
     * failed before producing any text are left out (they carry nothing the model said).
     */
    private static List<UpstreamMessage> upstreamHistory(String systemPrompt, List<StoredTurn> turns) {
        List<UpstreamMessage> history = new ArrayList<>(turns.size() + 2);
        if (systemPrompt != null && !systemPrompt.isBlank()) {
            history.add(new UpstreamMessage("system", systemPrompt));
        }
        for (StoredTurn message : turns) {
            if (message.role() == MessageRole.ASSISTANT && message.content().isEmpty()) {
                continue;
            }
            history.add(new UpstreamMessage(message.role().wire(), message.content()));
        }
        return history;
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
        message.completionTokens = answer.completionTokens();
        message.ttftMs = answer.ttftMs();
        message.durationMs = answer.durationMs();
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
