package dev.synin.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** A chat: its settings and, through {@link Message}, its turns. */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    public static final int TITLE_MAX = 200;

    @Id
    public UUID id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public String title;

    public String model;

    public Double temperature;

    @Column(name = "max_tokens")
    public Integer maxTokens;

    @Column(name = "system_prompt")
    public String systemPrompt;

    /** Top P, top K, min P, repeat penalty, seed, stop sequences; {@code null}: none set. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    public Sampling sampling;

    /** The last message of the branch shown and continued; {@code null} while the conversation is empty. */
    @Column(name = "current_leaf_id")
    public UUID currentLeafId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Conversation start(String ownerId, String title) {
        Conversation conversation = new Conversation();
        conversation.id = UUID.randomUUID();
        conversation.ownerId = ownerId;
        conversation.title = title;
        conversation.createdAt = Instant.now();
        conversation.updatedAt = conversation.createdAt;
        return conversation;
    }

    /** Another owner's conversation is reported exactly like a missing one. */
    public static Optional<Conversation> findOwned(UUID id, String ownerId) {
        return find("id = :id and ownerId = :owner", Parameters.with("id", id).and("owner", ownerId)).firstResultOptional();
    }

    /** Locks the row until the transaction ends, so that two turns of one conversation cannot start at once. */
    public static Optional<Conversation> findOwnedForUpdate(UUID id, String ownerId) {
        return find("id = :id and ownerId = :owner", Parameters.with("id", id).and("owner", ownerId))
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static List<Conversation> listRecent(String ownerId, String search, int page, int size) {
        Sort newestFirst = Sort.descending("updatedAt").and("id", Sort.Direction.Descending);
        if (search == null || search.isBlank()) {
            return find("ownerId", newestFirst, ownerId).page(Page.of(page, size)).list();
        }
        return find(SEARCH + " order by c.updatedAt desc, c.id desc", searchParameters(ownerId, search))
                .page(Page.of(page, size)).list();
    }

    public static long countOwned(String ownerId, String search) {
        if (search == null || search.isBlank()) {
            return count("ownerId", ownerId);
        }
        return find(SEARCH, searchParameters(ownerId, search)).count();
    }

    /** Title or any message's text, case-insensitive. */
    private static final String SEARCH = "from Conversation c where c.ownerId = :owner and (lower(c.title) like :q escape '\\' "
            + "or exists (select 1 from Message m where m.conversationId = c.id and lower(m.content) like :q escape '\\'))";

    private static Parameters searchParameters(String ownerId, String search) {
        return Parameters.with("owner", ownerId).and("q", likePattern(search));
    }

    static String likePattern(String search) {
        String escaped = search.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    public void touch() {
        updatedAt = Instant.now();
    }
}
