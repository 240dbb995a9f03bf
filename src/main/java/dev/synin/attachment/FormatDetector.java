package dev.synin.attachment;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What a file is, from its first bytes (magic numbers) for the binary formats, and from being valid UTF-8 for text:
 * never from its name. A closed set, small enough to check by hand, so no detection library is needed.
 */
final class FormatDetector {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final String ODT_MIMETYPE = "mimetypeapplication/vnd.oasis.opendocument.text";

    private FormatDetector() {
    }

    /** The format, or empty for anything else (a binary file of another kind, or text that is not UTF-8). */
    static Optional<FileFormat> detect(byte[] bytes) {
        if (startsWith(bytes, 0, PNG)) {
            return Optional.of(FileFormat.PNG);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return Optional.of(FileFormat.JPEG);
        }
        if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
            return Optional.of(FileFormat.GIF);
        }
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return Optional.of(FileFormat.WEBP);
        }
        if (isBmp(bytes)) {
            return Optional.of(FileFormat.BMP);
        }
        if (indexOf(bytes, ascii("%PDF-"), 1024) >= 0) {
            return Optional.of(FileFormat.PDF);
        }
        if (startsWith(bytes, 0, new byte[] { 'P', 'K', 3, 4 })) {
            // ODF puts an uncompressed "mimetype" entry first; OOXML names its parts in the zip's directory.
            if (startsWith(bytes, 30, ascii(ODT_MIMETYPE))) {
                return Optional.of(FileFormat.ODT);
            }
            if (indexOf(bytes, ascii("word/document.xml"), bytes.length) >= 0
                    && indexOf(bytes, ascii("[Content_Types].xml"), bytes.length) >= 0) {
                return Optional.of(FileFormat.DOCX);
            }
            return Optional.empty();
        }
        return utf8(bytes).map(text -> looksLikeHtml(text) ? FileFormat.HTML : FileFormat.TEXT);
    }

    /** The text, without a byte order mark, if the bytes are valid UTF-8 without NUL characters (which no text has). */
    static Optional<String> utf8(byte[] bytes) {
        int start = startsWith(bytes, 0, new byte[] { (byte) 0xef, (byte) 0xbb, (byte) 0xbf }) ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikeHtml(String text) {
        String head = text.substring(0, Math.min(text.length(), 512)).stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    /** "BM", then a header size only a real BMP has (text starting with "BM" has letters there). */
    private static boolean isBmp(byte[] bytes) {
        if (bytes.length < 26 || bytes[0] != 'B' || bytes[1] != 'M') {
            return false;
        }
        int header = (bytes[14] & 0xff) | (bytes[15] & 0xff) << 8 | (bytes[16] & 0xff) << 16 | (bytes[17] & 0xff) << 24;
        return header == 12 || header == 40 || header == 52 || header == 56 || header == 64 || header == 108 || header == 124;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Where {@code needle} starts within the first {@code limit} bytes, or -1. */
    static int indexOf(byte[] bytes, byte[] needle, int limit) {
        int last = Math.min(bytes.length, limit) - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
