package dev.synin.attachment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Attachments: stored on upload, claimed by the message that sends them, found again to rebuild a conversation's
 * history, deleted with their message or, never sent, after {@code SYNIN_ATTACHMENT_UNSENT_TTL}. The only writer of
 * the {@code attachment} table. Every lookup by attachment id takes the owner: another owner's attachment does not
 * exist.
 *
 * <p>For the chat: call {@link #claim} in the transaction that inserts the user's message (the row refers to it), and
 * {@link #forMessages} when the history goes upstream again.
 */
@ApplicationScoped
public class AttachmentService {

    /** A file to send back: its safe name, its media type and its bytes. */
    public record Download(String name, String type, byte[] bytes) {
    }

    private final AttachmentProcessor processor;
    private final AttachmentConfig config;

    AttachmentService(AttachmentProcessor processor, AttachmentConfig config) {
        this.processor = processor;
        this.config = config;
    }

    /**
     * Reads, checks and converts the file outside any transaction (decoding an image or a PDF takes a while), then
     * stores it in one insert of its own: it is there whole or not at all. A caller's transaction (an import restoring
     * a conversation's files) is suspended meanwhile; if that one fails, the upload is left unsent and cleaned up.
     *
     * @throws ApiException 4xx for every file it refuses (see the README's Attachments section)
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public AttachmentView upload(String ownerId, String fileName, String declaredType, byte[] bytes) {
        AttachmentProcessor.Processed file = processor.process(fileName, declaredType, bytes);
        Attachment attachment = new Attachment();
        attachment.id = UUID.randomUUID();
        attachment.ownerId = ownerId;
        attachment.name = file.name();
        attachment.type = file.type();
        attachment.kind = file.format().kind.wire();
        attachment.size = file.size();
        attachment.pages = file.pages();
        attachment.width = file.width();
        attachment.height = file.height();
        attachment.text = file.text();
        attachment.chars = file.text() == null ? null : file.text().length();
        attachment.original = file.original();
        attachment.image = file.image();
        attachment.imageType = file.imageType();
        attachment.thumbnail = file.thumbnail();
        attachment.thumbnailType = file.thumbnailType();
        attachment.createdAt = Instant.now();
        QuarkusTransaction.requiringNew().run(attachment::persist);
        Log.debugf("Attachment %s stored: %s, %s, %d bytes", attachment.id, attachment.type, attachment.kind, attachment.size);
        return AttachmentView.of(attachment);
    }

    @Transactional(TxType.SUPPORTS)
    public AttachmentView meta(String ownerId, UUID id) {
        return AttachmentView.of(owned(ownerId, id));
    }

    /** The file as it was uploaded. */
    @Transactional
    public Download original(String ownerId, UUID id) {
        Attachment a = owned(ownerId, id);
        return new Download(a.name, a.type, a.original);
    }

    /** The small re-encoded version of an image; 404 for a document, which has none. */
    @Transactional
    public Download thumbnail(String ownerId, UUID id) {
        Attachment a = owned(ownerId, id);
        if (a.kind() != AttachmentKind.IMAGE) {
            throw ApiException.notFound("Attachment " + id + " is a document; only images have a thumbnail.");
        }
        String base = a.name.contains(".") ? a.name.substring(0, a.name.lastIndexOf('.')) : a.name;
        return new Download(base + ".thumbnail" + (a.thumbnailType.endsWith("png") ? ".png" : ".jpg"), a.thumbnailType, a.thumbnail);
    }

    /**
     * Attaches the owner's uploads to the message that sends them, in the order given (repeated ids count once), and
     * returns them ready for the upstream. Join the transaction that inserts the message.
     *
     * @throws ApiException 400 when there are more than {@code SYNIN_ATTACHMENTS_PER_MESSAGE}, or one does not exist or
     *         belongs to another owner (the same answer for both); 409 when one was already sent with another message
     */
    @Transactional
    public List<ResolvedAttachment> claim(String ownerId, List<UUID> ids, UUID messageId) {
        Objects.requireNonNull(messageId, "messageId");
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        Set<UUID> wanted = wanted(ids);
        // Locked: two messages sent at once with the same upload must not both get it.
        Map<UUID, Attachment> found = Attachment.<Attachment> find("id in ?1 and ownerId = ?2", wanted, ownerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
        List<ResolvedAttachment> claimed = new ArrayList<>(wanted.size());
        for (UUID id : wanted) {
            Attachment a = found.get(id);
            if (a == null) {
                throw ApiException.badRequest("Attachment " + id + " does not exist (an upload that is never sent is deleted"
                        + " after a while); upload the file again.");
            }
            if (a.messageId != null && !a.messageId.equals(messageId)) {
                throw new ApiException(ErrorCode.CONFLICT, "Attachment " + id + " (" + a.name
                        + ") was already sent with another message; upload it again to send it once more.");
            }
            a.messageId = messageId;
            claimed.add(resolve(a));
        }
        return claimed;
    }

    /**
     * Copies the attachments of one message to another of the same owner (an edited question that keeps its files),
     * in PostgreSQL without reading the bytes into memory; returns the copies, which have new ids.
     */
    @Transactional
    public List<ResolvedAttachment> copyToMessage(String ownerId, UUID fromMessageId, UUID toMessageId) {
        Objects.requireNonNull(toMessageId, "toMessageId");
        List<UUID> originals = Attachment.<Attachment> list("messageId = ?1 and ownerId = ?2 order by createdAt, id", fromMessageId,
                ownerId).stream().map(a -> a.id).toList();
        List<UUID> copies = new ArrayList<>(originals.size());
        Instant now = Instant.now();
        for (UUID original : originals) {
            UUID copy = UUID.randomUUID();
            // Later created_at for each copy keeps them in the original order.
            Attachment.getEntityManager().createNativeQuery("INSERT INTO attachment (id, owner_id, message_id, name, type, kind,"
                    + " size, pages, width, height, chars, text, original, image, image_type, thumbnail, thumbnail_type, created_at)"
                    + " SELECT :copy, owner_id, :message, name, type, kind, size, pages, width, height, chars, text, original, image,"
                    + " image_type, thumbnail, thumbnail_type, :now FROM attachment WHERE id = :original")
                    .setParameter("copy", copy).setParameter("message", toMessageId)
                    .setParameter("now", now.plusNanos(1000L * copies.size())).setParameter("original", original).executeUpdate();
            copies.add(copy);
        }
        return copies.isEmpty() ? List.of() : Attachment.<Attachment> list("id in ?1 order by createdAt, id", copies).stream()
                .map(AttachmentService::resolve).toList();
    }

    /** The attachments of these messages, for rebuilding their history; grouped per message with {@link ResolvedAttachment#messageId()}. */
    @Transactional
    public List<ResolvedAttachment> forMessages(Collection<UUID> messageIds) {
        if (messageIds == null || messageIds.isEmpty()) {
            return List.of();
        }
        return Attachment.listByMessages(messageIds).stream().map(AttachmentService::resolve).toList();
    }

    /**
     * The owner's uploads not sent yet, as {@link #claim} will attach them, read without changing anything: a chat
     * asks the server while its question is stored. The same refusals as {@link #claim}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ResolvedAttachment> pending(String ownerId, List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        Set<UUID> wanted = wanted(ids);
        Map<UUID, Attachment> found = Attachment.<Attachment> find("id in ?1 and ownerId = ?2", wanted, ownerId).list().stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
        List<ResolvedAttachment> resolved = new ArrayList<>(wanted.size());
        for (UUID id : wanted) {
            Attachment a = found.get(id);
            if (a == null) {
                throw ApiException.badRequest("Attachment " + id + " does not exist (an upload that is never sent is deleted"
                        + " after a while); upload the file again.");
            }
            if (a.messageId != null) {
                throw new ApiException(ErrorCode.CONFLICT, "Attachment " + id + " (" + a.name
                        + ") was already sent with another message; upload it again to send it once more.");
            }
            resolved.add(resolve(a));
        }
        return resolved;
    }

    /** What the messages show of their attachments (no file contents read), by message. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, List<AttachmentView>> viewsFor(Collection<UUID> messageIds) {
        if (messageIds == null || messageIds.isEmpty()) {
            return Map.of();
        }
        return Attachment.listByMessages(messageIds).stream().collect(Collectors.groupingBy(a -> a.messageId,
                java.util.LinkedHashMap::new, Collectors.mapping(AttachmentView::of, Collectors.toList())));
    }

    /** The re-encoded image (PNG or JPEG, scaled, no metadata), to show at full size; 404 for a document. */
    @Transactional
    public Download image(String ownerId, UUID id) {
        Attachment a = owned(ownerId, id);
        if (a.kind() != AttachmentKind.IMAGE) {
            throw ApiException.notFound("Attachment " + id + " is a document, not an image.");
        }
        return new Download(a.name, a.imageType, a.image);
    }

    /** The ids asked for, each once and in order: none missing, and no more than one message may carry. */
    private Set<UUID> wanted(List<UUID> ids) {
        Set<UUID> wanted = new LinkedHashSet<>(ids);
        if (wanted.contains(null)) {
            throw ApiException.badRequest("An attachment id is missing (null).");
        }
        if (wanted.size() > config.perMessage()) {
            throw ApiException.badRequest("A message may carry at most " + config.perMessage() + " attachments, not "
                    + wanted.size() + " (SYNIN_ATTACHMENTS_PER_MESSAGE).");
        }
        return wanted;
    }

    /** Deletes what was uploaded before {@code before} and never sent; returns how many. */
    @Transactional
    public long deleteUnsentUploadedBefore(Instant before) {
        return Attachment.deleteUnsentCreatedBefore(before);
    }

    private static ResolvedAttachment resolve(Attachment a) {
        return new ResolvedAttachment(a.id, a.messageId, a.name, a.type, a.kind(), a.size, a.pages, a.width, a.height, a.imageType,
                a.kind() == AttachmentKind.IMAGE ? a.image : null, a.kind() == AttachmentKind.DOCUMENT ? a.text : null);
    }

    private static Attachment owned(String ownerId, UUID id) {
        return Attachment.findOwned(ownerId, id).orElseThrow(() -> ApiException.notFound("No attachment " + id + "."));
    }
}
