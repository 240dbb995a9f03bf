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

/**
 * One turn of a conversation. Messages form a tree ({@link #parentId}): Regenerate and Edit add siblings, and the
 * conversation shows one branch of it ({@link ConversationTree}). Assistant answers carry how they ended and how fast
 * they came.
 */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    /** Order of creation in the conversation, from 0, across all branches; unique per conversation. */
    @Column(nullable = false)
    public int seq;

    /** The message this one follows; {@code null} for the first message of a branch from the start. */
    @Column(name = "parent_id")
    public UUID parentId;

    /** When this message was last the end of the branch shown; see {@link ConversationTree#leafBelow}. */
    @Column(name = "visited_at")
    public Instant visitedAt;

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

    /** How the answer was made ({@link RunCard}); {@code null} for questions and answers older than run cards. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column(name = "run_card")
    public RunCard runCard;

    /** Stop was pressed for this answer while it streamed; the replica generating it stops when it sees this. */
    @Column(name = "stop_requested", nullable = false)
    public boolean stopRequested;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public ConversationTree.Node node() {
        return new ConversationTree.Node(id, parentId, seq, visitedAt);
    }

    public static Message create(UUID conversationId, UUID parentId, int seq, MessageRole role, String content, MessageStatus status) {
        Message message = new Message();
        message.id = UUID.randomUUID();
        message.conversationId = conversationId;
        message.parentId = parentId;
        message.seq = seq;
        message.role = role;
        message.content = content;
        message.status = status;
        message.createdAt = Instant.now();
        message.updatedAt = message.createdAt;
        return message;
    }

    /** A copy of this message in another conversation (branching into a new chat, importing). */
    public Message copyInto(UUID conversation, UUID parent, int position) {
        Message copy = create(conversation, parent, position, role, content, status);
        copy.reasoning = reasoning;
        copy.model = model;
        copy.finishReason = finishReason;
        copy.promptTokens = promptTokens;
        copy.completionTokens = completionTokens;
        copy.ttftMs = ttftMs;
        copy.durationMs = durationMs;
        copy.errorCode = errorCode;
        copy.errorMessage = errorMessage;
        copy.runCard = runCard;
        copy.createdAt = createdAt;
        copy.updatedAt = updatedAt;
        return copy;
    }

    /** Per conversation, the newest message whose text contains {@code search} (case-insensitive). */
    public static java.util.Map<UUID, UUID> newestMatches(List<UUID> conversationIds, String search) {
        java.util.Map<UUID, UUID> matches = new java.util.HashMap<>();
        if (conversationIds.isEmpty()) {
            return matches;
        }
        List<Object[]> rows = getEntityManager().createQuery("select m.conversationId, m.id from Message m "
                + "where m.conversationId in :ids and lower(m.content) like :q escape '\\' order by m.seq desc", Object[].class)
                .setParameter("ids", conversationIds).setParameter("q", Conversation.likePattern(search)).getResultList();
        for (Object[] row : rows) {
            matches.putIfAbsent((UUID) row[0], (UUID) row[1]);
        }
        return matches;
    }

    public static List<Message> listByConversation(UUID conversationId) {
        return list("conversationId", Sort.ascending("seq"), conversationId);
    }

    /** The position the next message of the conversation takes. */
    public static int nextSeq(UUID conversationId) {
        Integer highest = find("select max(seq) from Message where conversationId = ?1", conversationId).project(Integer.class)
                .firstResult();
        return highest == null ? 0 : highest + 1;
    }

    /** Every message of a conversation, of every branch, in order of creation, as projections (see {@link StoredTurn}). */
    public static List<StoredTurn> turnsOf(UUID conversationId) {
        return find("conversationId", Sort.ascending("seq"), conversationId).project(StoredTurn.class).list();
    }

    /** The conversation's answers still being generated (or left so by a replica that died). */
    public static List<StoredTurn> streamingTurnsOf(UUID conversationId) {
        return find("conversationId = ?1 and status = ?2", conversationId, MessageStatus.STREAMING).project(StoredTurn.class).list();
    }

    /**
     * The conversation's latest answer: the one being generated if there is one, else the one that changed last (a
     * continued answer can be older than answers of other branches).
     */
    public static java.util.Optional<Message> latestAnswerOf(UUID conversationId) {
        return find("conversationId = ?1 and role = ?2 order by case when status = ?3 then 0 else 1 end, updatedAt desc, seq desc",
                conversationId, MessageRole.ASSISTANT, MessageStatus.STREAMING).firstResultOptional();
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

}
