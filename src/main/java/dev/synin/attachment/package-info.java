/**
 * Attachments: files attached to a question (issue 11). {@code POST /api/attachments} stores one
 * ({@link dev.synin.attachment.AttachmentResource}); the chat then calls {@link dev.synin.attachment.AttachmentService}:
 * {@code claim(ownerId, ids, messageId)} in the transaction that inserts the user's message, {@code forMessages(ids)}
 * to rebuild the history, {@code copyToMessage} for an edited question that keeps its files. A
 * {@link dev.synin.attachment.ResolvedAttachment} gives an image's {@code dataUrl()} (an OpenAI {@code image_url}
 * content part) or a document's labelled {@code contextText()}; its {@code view()} is the
 * {@link dev.synin.attachment.AttachmentView} a message shows. The {@code attachment} table (V6) refers to
 * {@code message(id)} with {@code ON DELETE CASCADE}; uploads never claimed are deleted by
 * {@link dev.synin.attachment.UnsentAttachmentCleaner}. This package depends on {@code error} and {@code security}
 * only; nothing here calls the chat.
 */
package dev.synin.attachment;
