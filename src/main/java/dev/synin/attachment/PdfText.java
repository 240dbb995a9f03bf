package dev.synin.attachment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.InflaterInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;

/**
 * The text of a PDF and its page count, by PDFBox. Refused: truncated or damaged files (PDFBox would quietly rebuild
 * what it can of a truncated one, so the end-of-file marker is checked first), files that need a password, files with
 * scripts (JavaScript actions anywhere in the document, or XFA forms, which carry their own scripts), files whose
 * author forbids copying their text, and files over {@code SYNIN_PDF_MAX_PAGES} pages. (A PDF encrypted only against
 * printing or changes opens without a password and is read.) Nothing is rendered, so no fonts or images are decoded.
 */
final class PdfText {

    record Extracted(String text, int pages) {
    }

    /** More objects than any real document has: the walk looking for scripts stops there (and refuses the file). */
    private static final int MAX_OBJECTS = 2_000_000;

    private PdfText() {
    }

    static Extracted extract(byte[] bytes, int maxPages, long maxUnpacked) {
        if (!endsWithEofMarker(bytes)) {
            throw ApiException.badRequest("The PDF is truncated or damaged (it does not end with %%EOF).");
        }
        try (PDDocument document = Loader.loadPDF(bytes)) {
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                throw ApiException.badRequest("The PDF is damaged: it has no pages.");
            }
            if (pages > maxPages) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The PDF has " + pages + " pages; at most " + maxPages
                        + " are accepted (SYNIN_PDF_MAX_PAGES).");
            }
            List<COSStream> streams = new ArrayList<>();
            if (hasScripts(document.getDocument().getTrailer(), streams)) {
                throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "The PDF contains scripts (JavaScript or an XFA form); Synin does not accept PDFs with scripts.");
            }
            checkUnpackedSize(streams, maxUnpacked);
            if (!document.getCurrentAccessPermission().canExtractContent()) {
                throw ApiException.badRequest("The PDF's author does not allow copying its text (a restriction of the PDF).");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return new Extracted(stripper.getText(document), pages);
        } catch (InvalidPasswordException e) {
            throw ApiException.badRequest("The PDF is encrypted with a password; send a copy without the password.");
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("The PDF is damaged and cannot be read (" + shorten(e.getMessage()) + ").");
        }
    }

    private static boolean endsWithEofMarker(byte[] bytes) {
        int from = Math.max(0, bytes.length - 1024);
        byte[] tail = java.util.Arrays.copyOfRange(bytes, from, bytes.length);
        return new String(tail, StandardCharsets.ISO_8859_1).contains("%%EOF");
    }

    /**
     * Walks every object reachable from the trailer (what a viewer could ever act on) for script actions, collecting
     * the streams on the way.
     */
    static boolean hasScripts(COSDictionary trailer, List<COSStream> streams) {
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<COSBase> todo = new ArrayDeque<>();
        todo.push(trailer);
        while (!todo.isEmpty()) {
            COSBase next = todo.pop();
            if (next instanceof COSObject reference) {
                next = reference.getObject();
            }
            if (next == null || !seen.add(next)) {
                continue;
            }
            if (seen.size() > MAX_OBJECTS) {
                return true;
            }
            if (next instanceof COSStream stream) {
                streams.add(stream);
            }
            if (next instanceof COSDictionary dictionary) {
                if (COSName.JAVA_SCRIPT.equals(dictionary.getDictionaryObject(COSName.S)) || dictionary.containsKey(COSName.JS)
                        || dictionary.containsKey(COSName.JAVA_SCRIPT) || dictionary.containsKey(COSName.XFA)) {
                    return true;
                }
                for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
                    todo.push(entry.getValue());
                }
            } else if (next instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    todo.push(array.get(i));
                }
            }
        }
        return false;
    }

    /**
     * A PDF is a zip bomb too when its compressed streams unpack to gigabytes: PDFBox unpacks a page's content in memory
     * to read its text. So the Flate streams text extraction may read (everything but images, which it never decodes)
     * are unpacked here first through a counter, up to {@code SYNIN_ATTACHMENT_MAX_UNPACKED_BYTES} in all.
     */
    private static void checkUnpackedSize(List<COSStream> streams, long maxUnpacked) {
        long total = 0;
        byte[] buffer = new byte[16 * 1024];
        for (COSStream stream : streams) {
            COSBase filters = stream.getFilters();
            boolean flate = COSName.FLATE_DECODE.equals(filters)
                    || filters instanceof COSArray array && array.size() > 0 && COSName.FLATE_DECODE.equals(array.getObject(0));
            if (!flate || COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                continue;
            }
            try (InputStream unpacked = new InflaterInputStream(stream.createRawInputStream())) {
                for (int n; (n = unpacked.read(buffer)) > 0;) {
                    total += n;
                    if (total > maxUnpacked) {
                        throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The PDF is refused: its compressed contents unpack to"
                                + " more than " + maxUnpacked + " bytes (SYNIN_ATTACHMENT_MAX_UNPACKED_BYTES), as a zip bomb's do.");
                    }
                }
            } catch (IOException e) {
                // A damaged stream: PDFBox reads what it can of it, as a viewer would.
            }
        }
    }

    private static String shorten(String message) {
        String text = message == null ? "unreadable structure" : message;
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
