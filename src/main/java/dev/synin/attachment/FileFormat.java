package dev.synin.attachment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The closed set of formats Synin reads, each with its media type, how it is recognised and what claims to be it. */
enum FileFormat {
    PNG("image/png", AttachmentKind.IMAGE, "PNG image", Set.of("png"), Set.of("image/png", "image/apng")),
    JPEG("image/jpeg", AttachmentKind.IMAGE, "JPEG image", Set.of("jpg", "jpeg", "jpe", "jfif"), Set.of("image/jpeg", "image/pjpeg")),
    GIF("image/gif", AttachmentKind.IMAGE, "GIF image", Set.of("gif"), Set.of("image/gif")),
    WEBP("image/webp", AttachmentKind.IMAGE, "WebP image", Set.of("webp"), Set.of("image/webp")),
    BMP("image/bmp", AttachmentKind.IMAGE, "BMP image", Set.of("bmp"), Set.of("image/bmp", "image/x-ms-bmp")),
    PDF("application/pdf", AttachmentKind.DOCUMENT, "PDF", Set.of("pdf"), Set.of("application/pdf")),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", AttachmentKind.DOCUMENT, "Word document (DOCX)",
            Set.of("docx"), Set.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
    ODT("application/vnd.oasis.opendocument.text", AttachmentKind.DOCUMENT, "OpenDocument text (ODT)", Set.of("odt"),
            Set.of("application/vnd.oasis.opendocument.text")),
    HTML("text/html", AttachmentKind.DOCUMENT, "HTML page", Set.of("html", "htm", "xhtml"), Set.of("text/html", "application/xhtml+xml")),
    /** Plain text, Markdown, CSV, JSON and source code: anything that is valid UTF-8 without NUL characters. */
    TEXT("text/plain", AttachmentKind.DOCUMENT, "text file", Set.of(), Set.of());

    /** Formats Synin recognises but does not read: named in the refusal so the user knows what to send instead. */
    private static final Set<String> BINARY_CLAIMS = Set.of("doc", "xls", "xlsx", "ppt", "pptx", "odp", "ods", "rtf", "zip", "tif",
            "tiff", "heic", "heif", "avif", "exe", "dll", "so", "bin", "mp3", "mp4", "wav", "mov", "avi", "mkv", "7z", "rar",
            "gz", "tar", "iso", "dmg", "epub");

    final String mediaType;
    final AttachmentKind kind;
    final String label;
    private final Set<String> extensions;
    private final Set<String> mediaTypes;

    FileFormat(String mediaType, AttachmentKind kind, String label, Set<String> extensions, Set<String> mediaTypes) {
        this.mediaType = mediaType;
        this.kind = kind;
        this.label = label;
        this.extensions = extensions;
        this.mediaTypes = mediaTypes;
    }

    /** The binary format an extension claims (text extensions claim nothing: any text is read as text). */
    static Optional<FileFormat> claimedByExtension(String extension) {
        return Arrays.stream(values()).filter(f -> f.extensions.contains(extension)).findFirst();
    }

    /** The format a declared {@code Content-Type} claims, when it is one of ours. */
    static Optional<FileFormat> claimedByMediaType(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        String bare = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.mediaTypes.contains(bare)).findFirst();
    }

    static boolean isKnownUnsupported(String extension) {
        return BINARY_CLAIMS.contains(extension);
    }

    /**
     * Whether content of the detected format may carry this claim. A claim of HTML is kept by any text (an .html file
     * may hold plain text), and one image format by another: a WebP saved as .jpg is common on the web, harmless (every
     * image is re-encoded from its real format) and shown with its real type. A claim of the other kind never is.
     */
    boolean isCompatibleWith(FileFormat detected) {
        return this == detected || this == HTML && detected == TEXT || this == TEXT && detected == HTML
                || kind == AttachmentKind.IMAGE && detected.kind == AttachmentKind.IMAGE;
    }
}
