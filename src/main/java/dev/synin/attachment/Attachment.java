package dev.synin.attachment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.LazyGroup;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One uploaded file, its owner and, once sent, its message. The bytes are loaded only when asked for, each in its own
 * group: listing a message's attachments never reads their originals.
 */
@Entity
@Table(name = "attachment")
public class Attachment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    /** The message that sent it; null until then. */
    @Column(name = "message_id")
    public UUID messageId;

    @Column(nullable = false)
    public String name;

    /** The real media type, detected from the content. */
    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public long size;

    public Integer pages;
    public Integer width;
    public Integer height;
    public Integer chars;

    /** Documents: the extracted text. */
    @Basic(fetch = FetchType.LAZY)
    @LazyGroup("text")
    public String text;

    @Basic(fetch = FetchType.LAZY)
    @LazyGroup("original")
    @Column(nullable = false)
    public byte[] original;

    /** Images: the re-encoded version sent to the model. */
    @Basic(fetch = FetchType.LAZY)
    @LazyGroup("image")
    public byte[] image;

    @Column(name = "image_type")
    public String imageType;

    @Basic(fetch = FetchType.LAZY)
    @LazyGroup("thumbnail")
    public byte[] thumbnail;

    @Column(name = "thumbnail_type")
    public String thumbnailType;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public AttachmentKind kind() {
        return AttachmentKind.fromWire(kind);
    }

    /** The owner's attachment, or empty when it does not exist or belongs to someone else (the same answer for both). */
    public static Optional<Attachment> findOwned(String ownerId, UUID id) {
        return Attachment.<Attachment> find("id = ?1 and ownerId = ?2", id, ownerId).firstResultOptional();
    }

    /** In the order they were attached, then uploaded. */
    public static List<Attachment> listByMessages(Collection<UUID> messageIds) {
        return list("messageId in ?1 order by createdAt, id", messageIds);
    }

    public static long deleteUnsentCreatedBefore(Instant before) {
        return delete("messageId is null and createdAt < ?1", before);
    }
}
