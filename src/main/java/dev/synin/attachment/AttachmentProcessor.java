package dev.synin.attachment;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;

/**
 * From an upload to what is stored: the safe name, the format the content really has (checked against the one the
 * name and the declared type claim), then the re-encoded image or the extracted text. Every refusal is an
 * {@link ApiException} with a 4xx; nothing here touches the database.
 */
@ApplicationScoped
class AttachmentProcessor {

    /** What an upload becomes; {@code original} is the file as uploaded. */
    record Processed(String name, FileFormat format, String type, long size, Integer pages, Integer width, Integer height,
            String text, byte[] original, byte[] image, String imageType, byte[] thumbnail, String thumbnailType) {
    }

    private static final String SUPPORTED = "images (PNG, JPEG, GIF, WebP, BMP), PDF, DOCX, ODT, HTML and UTF-8 text files"
            + " (txt, md, csv, json, source code)";

    /** Longest edge of the thumbnail shown in the composer and in the sent message. */
    static final int THUMBNAIL_EDGE = 256;

    private final AttachmentConfig config;

    AttachmentProcessor(AttachmentConfig config) {
        this.config = config;
    }

    Processed process(String rawName, String declaredType, byte[] bytes) {
        String name = FileName.sanitize(rawName).orElseThrow(() -> ApiException.badRequest(
                "The file name " + (rawName == null ? "is missing" : "has nothing usable left once path separators and control"
                        + " characters are removed") + "; give the file a name."));
        if (bytes.length == 0) {
            throw ApiException.badRequest("The file " + name + " is empty.");
        }
        long max = config.maxBytes().asLongValue();
        if (bytes.length > max) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The file is " + bytes.length + " bytes; at most " + max
                    + " bytes are accepted (SYNIN_ATTACHMENT_MAX_BYTES).");
        }
        FileFormat format = format(name, declaredType, bytes);
        return switch (format.kind) {
            case IMAGE -> image(name, format, bytes);
            case DOCUMENT -> document(name, format, bytes);
        };
    }

    /** The detected format, if what the name or the declared type claims agrees with it. */
    private static FileFormat format(String name, String declaredType, byte[] bytes) {
        Optional<String> extension = FileName.extension(name);
        Optional<FileFormat> detected = FormatDetector.detect(bytes);
        Optional<FileFormat> claimed = extension.flatMap(FileFormat::claimedByExtension)
                .or(() -> FileFormat.claimedByMediaType(declaredType));
        if (detected.isEmpty()) {
            if (extension.filter(FileFormat::isKnownUnsupported).isPresent()) {
                throw unsupported("." + extension.get() + " files are not read; Synin reads " + SUPPORTED + ".");
            }
            if (claimed.isPresent()) {
                throw unsupported("The file " + name + " claims to be a " + claimed.get().label + " but its content is not one"
                        + " (nor anything else Synin reads).");
            }
            throw unsupported("The content of " + name + " is not something Synin reads (text must be UTF-8); Synin reads "
                    + SUPPORTED + ".");
        }
        FileFormat actual = detected.get();
        for (Optional<FileFormat> claim : java.util.List.of(extension.flatMap(FileFormat::claimedByExtension),
                FileFormat.claimedByMediaType(declaredType))) {
            if (claim.isPresent() && !claim.get().isCompatibleWith(actual)) {
                throw unsupported("The file " + name + " claims to be a " + claim.get().label + " but its content is a "
                        + actual.label + ". Rename it or send the real file.");
            }
        }
        if (actual == FileFormat.TEXT && extension.filter(FileFormat::isKnownUnsupported).isPresent()) {
            throw unsupported("." + extension.get() + " files are not read; Synin reads " + SUPPORTED + ".");
        }
        return actual;
    }

    private Processed image(String name, FileFormat format, byte[] bytes) {
        ImageProcessor.Processed image = ImageProcessor.process(bytes, format, config.imageMaxPixels(), config.imageMaxEdge(),
                THUMBNAIL_EDGE);
        return new Processed(name, format, format.mediaType, bytes.length, null, image.width(), image.height(), null, bytes,
                image.image(), image.imageType(), image.thumbnail(), image.thumbnailType());
    }

    private Processed document(String name, FileFormat format, byte[] bytes) {
        Integer pages = null;
        String text;
        switch (format) {
            case PDF -> {
                PdfText.Extracted pdf = PdfText.extract(bytes, config.pdfMaxPages(), config.maxUnpackedBytes().asLongValue());
                text = pdf.text();
                pages = pdf.pages();
            }
            case DOCX, ODT -> text = ZippedDocumentText.extract(bytes, format, config.maxUnpackedBytes().asLongValue());
            case HTML -> text = HtmlText.extract(FormatDetector.utf8(bytes).orElseThrow());
            default -> text = FormatDetector.utf8(bytes).orElseThrow();
        }
        // PostgreSQL's text cannot hold NUL; a PDF's text layer sometimes has them.
        text = text.replace("\u0000", "").replace("\r\n", "\n").strip();
        if (text.isEmpty()) {
            throw ApiException.badRequest("The " + format.label + " " + name + " has no text to read"
                    + (format == FileFormat.PDF ? " (a scan without a text layer? Send its pages as images instead)." : "."));
        }
        if (text.length() > config.maxTextChars()) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The text of " + name + " is " + text.length() + " characters; at most "
                    + config.maxTextChars() + " are accepted (SYNIN_ATTACHMENT_MAX_TEXT_CHARS).");
        }
        String type = format == FileFormat.TEXT ? TextTypes.of(name) : format.mediaType;
        return new Processed(name, format, type, bytes.length, pages, null, null, text, bytes, null, null, null, null);
    }

    private static ApiException unsupported(String message) {
        return new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, message);
    }
}
