package dev.synin.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** One turn of a conversation. Assistant answers carry how they ended and how fast they came. */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    /** Position in the conversation, from 0; unique per conversation. */
    @Column(nullable = false)
    public int seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageRole role;

    @Column(nullable = false)
    public String content;

    public String reasoning;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageStatus status;

    public String model;

    @Column(name = "finish_reason")
    public String finishReason;

    @Column(name = "prompt_tokens")
    public Integer promptTokens;

    @Column(name = "completion_tokens")
    public Integer completionTokens;

    @Column(name = "ttft_ms")
    public Long ttftMs;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    /** Stop was pressed for this answer while it streamed; the replica generating it stops when it sees this. */
    @Column(name = "stop_requested", nullable = false)
    public boolean stopRequested;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Message create(UUID conversationId, int seq, MessageRole role, String content, MessageStatus status) {
        Message message = new Message();
        message.id = UUID.randomUUID();
        message.conversationId = conversationId;
        message.seq = seq;
        message.role = role;
        message.content = content;
        message.status = status;
        message.createdAt = Instant.now();
        message.updatedAt = message.createdAt;
        return message;
    }

    public static List<Message> listByConversation(UUID conversationId) {
        return list("conversationId", Sort.ascending("seq"), conversationId);
    }

    /** The turns of a conversation in order, as projections (see {@link StoredTurn}). */
    public static List<StoredTurn> turnsOf(UUID conversationId) {
        return find("conversationId", Sort.ascending("seq"), conversationId).project(StoredTurn.class).list();
    }

    /** The conversation's answers still being generated (or left so by a replica that died). */
    public static List<StoredTurn> streamingTurnsOf(UUID conversationId) {
        return find("conversationId = ?1 and status = ?2", conversationId, MessageStatus.STREAMING).project(StoredTurn.class).list();
    }

    /** The conversation's newest answer, if it has one. */
    public static java.util.Optional<Message> latestAnswerOf(UUID conversationId) {
        return find("conversationId = ?1 and role = ?2", Sort.descending("seq"), conversationId, MessageRole.ASSISTANT).firstResultOptional();
    }

    /** @return how many answers of the conversation were streaming and are now marked to be stopped */
    public static int requestStop(UUID conversationId) {
        return update("stopRequested = true where conversationId = ?1 and status = ?2", conversationId, MessageStatus.STREAMING);
    }

    /** Ends an answer whose replica is gone, keeping the text it had; a no-op if it already ended. */
    public static int markInterrupted(UUID id, String reason) {
        return update("status = ?1, errorMessage = ?2, updatedAt = ?3 where id = ?4 and status = ?5", MessageStatus.INTERRUPTED,
                reason, Instant.now(), id, MessageStatus.STREAMING);
    }

    public static long deleteByConversation(UUID conversationId) {
        return delete("conversationId", conversationId);
    }

    public static long deleteFrom(UUID conversationId, int seq) {
        return delete("conversationId = ?1 and seq >= ?2", conversationId, seq);
    }
}
