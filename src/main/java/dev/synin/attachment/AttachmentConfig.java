package dev.synin.attachment;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of what an attachment may be. The documented env names are mapped in application.properties:
 * {@code SYNIN_ATTACHMENT_MAX_BYTES}, {@code SYNIN_ATTACHMENTS_PER_MESSAGE}, {@code SYNIN_IMAGE_MAX_PIXELS},
 * {@code SYNIN_IMAGE_MAX_EDGE}, {@code SYNIN_PDF_MAX_PAGES}, {@code SYNIN_ATTACHMENT_MAX_TEXT_CHARS},
 * {@code SYNIN_ATTACHMENT_MAX_UNPACKED_BYTES}, {@code SYNIN_ATTACHMENT_UNSENT_TTL}.
 */
@ConfigMapping(prefix = "synin.attachments")
public interface AttachmentConfig {

    /**
     * Largest file, in bytes. A request body is also bounded by {@code SYNIN_MAX_BODY_SIZE}, which is checked first: an
     * upload can only be as large as the smaller of the two allows.
     */
    @WithDefault("20M")
    MemorySize maxBytes();

    /** Most attachments one message may carry; the chat checks it when a message claims its attachments. */
    @WithDefault("10")
    int perMessage();

    /** Most pixels (width times height) an image may have, read from its header before it is decoded. */
    @WithDefault("50000000")
    long imageMaxPixels();

    /** Longest edge, in pixels, of the version sent to the model: larger images are scaled down to it. */
    @WithDefault("2048")
    int imageMaxEdge();

    /** Most pages a PDF may have. */
    @WithDefault("500")
    int pdfMaxPages();

    /** Most characters of text a document may yield; longer ones are refused, never cut silently. */
    @WithDefault("1000000")
    int maxTextChars();

    /**
     * Most bytes the entries of a DOCX or ODT (zip files), or the compressed text streams of a PDF, may unpack to, all
     * together; with a highest pack ratio of {@value ZippedDocumentText#MAX_RATIO} per DOCX or ODT entry, what stops a
     * zip bomb.
     */
    @WithDefault("100M")
    MemorySize maxUnpackedBytes();

    /** How long an attachment that was uploaded but never sent with a message is kept. */
    @WithDefault("1d")
    Duration unsentTtl();
}
