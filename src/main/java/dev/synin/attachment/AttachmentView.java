package dev.synin.attachment;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An attachment as the API shows it: the answer to an upload, {@code GET /api/attachments/{id}/meta}, and what a
 * message lists. {@code pages} for PDFs, {@code width}/{@code height} (of the original) for images, {@code chars} (of
 * the extracted text) for documents; absent where they do not apply.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttachmentView(UUID id, String name, String type, AttachmentKind kind, long size, Integer pages, Integer width,
        Integer height, Integer chars) {

    static AttachmentView of(Attachment a) {
        return new AttachmentView(a.id, a.name, a.type, a.kind(), a.size, a.pages, a.width, a.height, a.chars);
    }
}
