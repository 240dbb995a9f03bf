package dev.synin.attachment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A file name made safe to store and to send back in {@code Content-Disposition}: only its last path segment, without
 * control or invisible formatting characters (a right-to-left override can make {@code exe.txt} look like
 * {@code txt.exe}), without characters Windows refuses, without leading dots, at most {@value #MAX_LENGTH} characters.
 */
final class FileName {

    static final int MAX_LENGTH = 200;

    private FileName() {
    }

    /** The safe name, or empty when nothing usable is left. */
    static Optional<String> sanitize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        // Old browsers sent the whole client path; a crafted name may try "../": only the last segment counts.
        String name = raw;
        int separator = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(separator + 1);
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE) {
                return;
            }
            if ("<>:\"|?*".indexOf(c) >= 0) {
                safe.append('_');
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                safe.append(' ');
            } else {
                safe.appendCodePoint(c);
            }
        });
        String cleaned = safe.toString().replaceAll(" {2,}", " ").strip();
        // Leading dots hide a file or climb a directory; trailing dots and spaces are dropped by Windows.
        cleaned = cleaned.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (cleaned.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(shorten(cleaned));
    }

    /** Keeps the extension when the name is too long. */
    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        String extension = extension(name).map(e -> "." + e).orElse("");
        if (extension.length() > 20) {
            extension = "";
        }
        int keep = MAX_LENGTH - extension.length();
        return name.substring(0, name.offsetByCodePoints(0, keep)).strip() + extension;
    }

    /** The extension in lower case, without the dot. */
    static Optional<String> extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? Optional.empty()
                : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * {@code attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded} (RFC 6266): never inline, whatever
     * the type.
     */
    static String contentDisposition(String safeName, boolean inline) {
        StringBuilder ascii = new StringBuilder();
        safeName.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        String encoded = URLEncoder.encode(safeName, StandardCharsets.UTF_8).replace("+", "%20");
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
