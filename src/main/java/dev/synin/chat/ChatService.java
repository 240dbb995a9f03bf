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
 * The database side of a turn: stores the user message and a placeholder for the answer before LM Studio is
 * called, and the answer in one write when it ends, however it ends.
 */
@ApplicationScoped
public class ChatService {

    static final int TITLE_LENGTH = 60;

    private final ChatConfig config;

    ChatService(ChatConfig config) {
        this.config = config;
    }

    @Transactional
    PreparedTurn beginTurn(String ownerId, ChatRequest request) {
        boolean isNew = request.conversationId() == null;
        Conversation conversation = isNew
                ? newConversation(ownerId, request)
                : Conversation.findOwnedForUpdate(request.conversationId(), ownerId)
                        .orElseThrow(() -> ApiException.notFound("Conversation " + request.conversationId() + " not found."));
        applySettings(conversation, request);
        // One read of the stored turns serves every decision below and the history sent upstream:
        // this runs before the first token, so round trips count.
        List<StoredTurn> history = isNew ? new ArrayList<>() : new ArrayList<>(Message.turnsOf(conversation.id));
        refuseWhileGenerating(history);

        StoredTurn userMessage;
        if (request.isRegenerate()) {
            userMessage = lastUserMessage(history);
            truncate(conversation, history, userMessage.seq() + 1);
        } else {
            if (request.editMessageId() != null) {
                StoredTurn edited = history.stream()
                        .filter(m -> m.id().equals(request.editMessageId()) && m.role() == MessageRole.USER).findFirst()
                        .orElseThrow(() -> ApiException.notFound("User message " + request.editMessageId() + " not found in this conversation."));
                truncate(conversation, history, edited.seq());
            }
            List<ChatRequest.MessageInput> toStore = isNew
                    ? request.messages()
                    : List.of(request.messages().get(request.messages().size() - 1));
            userMessage = null;
            for (ChatRequest.MessageInput input : toStore) {
                MessageRole role = MessageRole.parse(input.role()).orElseThrow();
                Message stored = Message.create(conversation.id, nextSeq(history), role, input.content(), MessageStatus.COMPLETE);
                stored.persist();
                userMessage = StoredTurn.of(stored);
                history.add(userMessage);
            }
        }
        Message answer = Message.create(conversation.id, nextSeq(history), MessageRole.ASSISTANT, "", MessageStatus.STREAMING);
        answer.model = conversation.model;
        answer.persist();
        conversation.touch();

        return new PreparedTurn(conversation.id, userMessage.id(), answer.id, conversation.model,
                conversation.temperature, conversation.maxTokens, upstreamHistory(conversation, history));
    }

    private static int nextSeq(List<StoredTurn> history) {
        return history.isEmpty() ? 0 : history.get(history.size() - 1).seq() + 1;
    }

    /** Deletes the turns from {@code seq} on, in the database and in the list read at the start. */
    private static void truncate(Conversation conversation, List<StoredTurn> history, int seq) {
        Message.deleteFrom(conversation.id, seq);
        history.removeIf(m -> m.seq() >= seq);
    }

    /**
     * One answer at a time per conversation, across replicas: a running generation refreshes its row every few seconds
     * ({@link PartialAnswerFlusher}), so a STREAMING row that has gone quiet belongs to a replica that died and is released.
     */
    private void refuseWhileGenerating(List<StoredTurn> history) {
        Instant staleBefore = Instant.now().minus(config.assumedDeadAfter());
        for (StoredTurn running : history) {
            if (running.status() != MessageStatus.STREAMING) {
                continue;
            }
            if (running.updatedAt().isAfter(staleBefore)) {
                throw new ApiException(ErrorCode.CONFLICT,
                        "An answer is still being generated in this conversation; stop it or wait for it to finish.");
            }
            Message.markInterrupted(running.id(), DeadAnswerSweeper.REASON);
        }
    }

    private static Conversation newConversation(String ownerId, ChatRequest request) {
        String firstUser = request.messages().stream().filter(m -> "user".equalsIgnoreCase(m.role().strip()))
                .map(ChatRequest.MessageInput::content).findFirst().orElse("New chat");
        Conversation conversation = Conversation.start(ownerId, titleFrom(firstUser));
        conversation.persist();
        return conversation;
    }

    static String titleFrom(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "New chat";
        }
        return oneLine.length() <= TITLE_LENGTH ? oneLine : oneLine.substring(0, TITLE_LENGTH - 1).strip() + "…";
    }

    /** Settings sent with a chat become the conversation's own, so a reload or another tab uses them too. */
    private static void applySettings(Conversation conversation, ChatRequest request) {
        if (request.model() != null && !request.model().isBlank()) {
            conversation.model = request.model().strip();
        }
        if (request.temperature() != null) {
            conversation.temperature = request.temperature();
        }
        if (request.maxTokens() != null) {
            conversation.maxTokens = request.maxTokens();
        }
        if (request.systemPrompt() != null) {
            conversation.systemPrompt = request.systemPrompt().isBlank() ? null : request.systemPrompt();
        }
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
    private static List<UpstreamMessage> upstreamHistory(Conversation conversation, List<StoredTurn> turns) {
        List<UpstreamMessage> history = new ArrayList<>(turns.size() + 1);
        if (conversation.systemPrompt != null && !conversation.systemPrompt.isBlank()) {
            history.add(new UpstreamMessage("system", conversation.systemPrompt));
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
