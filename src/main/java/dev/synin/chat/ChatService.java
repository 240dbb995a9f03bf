package dev.synin.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.synin.conversation.Conversation;
import dev.synin.conversation.Message;
import dev.synin.conversation.MessageRole;
import dev.synin.conversation.MessageStatus;
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

    @Transactional
    PreparedTurn beginTurn(String ownerId, ChatRequest request) {
        Conversation conversation = request.conversationId() == null
                ? newConversation(ownerId, request)
                : Conversation.findOwnedForUpdate(request.conversationId(), ownerId)
                        .orElseThrow(() -> ApiException.notFound("Conversation " + request.conversationId() + " not found."));
        applySettings(conversation, request);
        refuseWhileGenerating(conversation);

        Message userMessage;
        if (request.isRegenerate()) {
            userMessage = lastUserMessage(conversation);
            Message.deleteFrom(conversation.id, userMessage.seq + 1);
        } else {
            if (request.editMessageId() != null) {
                Message edited = Message.<Message> findByIdOptional(request.editMessageId())
                        .filter(m -> m.conversationId.equals(conversation.id) && m.role == MessageRole.USER)
                        .orElseThrow(() -> ApiException.notFound("User message " + request.editMessageId() + " not found in this conversation."));
                Message.deleteFrom(conversation.id, edited.seq);
                Message.getEntityManager().flush();
            }
            List<ChatRequest.MessageInput> toStore = request.conversationId() == null
                    ? request.messages()
                    : List.of(request.messages().get(request.messages().size() - 1));
            int seq = Message.nextSeq(conversation.id);
            userMessage = null;
            for (ChatRequest.MessageInput input : toStore) {
                MessageRole role = MessageRole.parse(input.role()).orElseThrow();
                Message stored = Message.create(conversation.id, seq++, role, input.content(), MessageStatus.COMPLETE);
                stored.persist();
                userMessage = stored;
            }
        }
        Message.getEntityManager().flush();
        Message answer = Message.create(conversation.id, Message.nextSeq(conversation.id), MessageRole.ASSISTANT, "", MessageStatus.STREAMING);
        answer.model = conversation.model;
        answer.persist();
        conversation.touch();

        return new PreparedTurn(conversation.id, userMessage.id, answer.id, conversation.model,
                conversation.temperature, conversation.maxTokens, upstreamHistory(conversation, answer));
    }

    /**
     * One answer at a time per conversation, across replicas: a running relay refreshes its row every few seconds
     * ({@link PartialAnswerFlusher}), so a STREAMING row that has gone quiet belongs to a replica that died and is released.
     */
    private static void refuseWhileGenerating(Conversation conversation) {
        Instant staleBefore = Instant.now().minus(AnswerRelay.ASSUMED_DEAD_AFTER);
        for (Message running : Message.<Message> list("conversationId = ?1 and status = ?2", conversation.id, MessageStatus.STREAMING)) {
            if (running.updatedAt.isAfter(staleBefore)) {
                throw new ApiException(ErrorCode.CONFLICT,
                        "An answer is still being generated in this conversation; stop it or wait for it to finish.");
            }
            running.status = MessageStatus.INTERRUPTED;
            running.errorMessage = "Synin stopped before this answer ended.";
            running.updatedAt = Instant.now();
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

    private static Message lastUserMessage(Conversation conversation) {
        return Message.<Message> find("conversationId = ?1 and role = ?2 order by seq desc", conversation.id, MessageRole.USER)
                .firstResultOptional()
                .orElseThrow(() -> ApiException.badRequest("There is no user message to answer again."));
    }

    /**
     * The stored history as the server should see it: the system prompt first, then every turn; answers that
     * failed before producing any text are left out (they carry nothing the model said).
     */
    private static List<UpstreamMessage> upstreamHistory(Conversation conversation, Message pendingAnswer) {
        List<UpstreamMessage> history = new ArrayList<>();
        if (conversation.systemPrompt != null && !conversation.systemPrompt.isBlank()) {
            history.add(new UpstreamMessage("system", conversation.systemPrompt));
        }
        for (Message message : Message.listByConversation(conversation.id)) {
            if (message.id.equals(pendingAnswer.id) || message.role == MessageRole.ASSISTANT && message.content.isEmpty()) {
                continue;
            }
            history.add(new UpstreamMessage(message.role.wire(), message.content));
        }
        return history;
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
        }
        message.updatedAt = Instant.now();
        Conversation.<Conversation> findByIdOptional(turn.conversationId()).ifPresent(Conversation::touch);
    }
}
