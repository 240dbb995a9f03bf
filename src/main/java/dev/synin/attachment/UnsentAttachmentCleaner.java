package dev.synin.attachment;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes uploads that no message claimed within {@code SYNIN_ATTACHMENT_UNSENT_TTL} (a tab closed before Send, a
 * file removed from the composer). Every replica runs it; deleting what another replica deleted is a no-op.
 */
@ApplicationScoped
public class UnsentAttachmentCleaner {

    private final AttachmentService attachments;
    private final AttachmentConfig config;

    UnsentAttachmentCleaner(AttachmentService attachments, AttachmentConfig config) {
        this.attachments = attachments;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            clean();
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next run catches up.
            Log.warnf("Deleting unsent attachments failed: %s", e.getMessage());
        }
    }

    /** Deletes the unsent attachments older than the TTL now; returns how many. */
    public long clean() {
        long deleted = attachments.deleteUnsentUploadedBefore(Instant.now().minus(config.unsentTtl()));
        if (deleted > 0) {
            Log.infof("Deleted %d attachments uploaded more than %s ago and never sent", deleted, config.unsentTtl());
        }
        return deleted;
    }
}
