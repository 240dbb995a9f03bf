package dev.synin.attachment;

import java.util.Base64;
import java.util.UUID;

/**
 * An attachment ready to go upstream with its message. For an image, {@link #dataUrl()} is the re-encoded version
 * (PNG or JPEG, scaled, no metadata) as the {@code image_url} of an OpenAI content part; for a document,
 * {@link #contextText()} is its extracted text, labelled with the file name, to put in the question's context.
 */
public record ResolvedAttachment(UUID id, UUID messageId, String name, String type, AttachmentKind kind, long size, Integer pages,
        Integer width, Integer height, String imageType, byte[] image, String text) {

    public boolean isImage() {
        return kind == AttachmentKind.IMAGE;
    }

    /** {@code data:image/png;base64,...} (or image/jpeg) of the re-encoded image; null for a document. */
    public String dataUrl() {
        return image == null ? null : "data:" + imageType + ";base64," + Base64.getEncoder().encodeToString(image);
    }

    /**
     * The document's text between a header that names it and an end marker, e.g.
     * {@code [Attached file: report.pdf, 3 pages]\n...\n[End of report.pdf]}; null for an image.
     */
    public String contextText() {
        if (text == null) {
            return null;
        }
        String about = pages == null ? name : name + ", " + pages + (pages == 1 ? " page" : " pages");
        return "[Attached file: " + about + "]\n" + text + "\n[End of " + name + "]";
    }

    /** What the message shows of it. */
    public AttachmentView view() {
        return new AttachmentView(id, name, type, kind, size, pages, width, height, text == null ? null : text.length());
    }
}
