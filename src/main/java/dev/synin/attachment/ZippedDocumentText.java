package dev.synin.attachment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;

/**
 * The text of a DOCX or ODT, read as what both are: a zip of XML parts. Synin reads them itself rather than through
 * Apache POI or Tika because the part that matters is small (the paragraphs of word/document.xml or content.xml),
 * because POI's XMLBeans and Tika's parser zoo need a lot of reflection configuration in the native image, and because
 * reading the zip here bounds it exactly: every entry is unpacked through a counter (also the ones skipped, which
 * ZipInputStream would otherwise inflate unseen), and a file that unpacks to more than
 * {@code SYNIN_ATTACHMENT_MAX_UNPACKED_BYTES} or packs an entry more than {@value #MAX_RATIO} times is a zip bomb.
 * The XML is parsed without DTDs, so no external entity or entity expansion is ever resolved.
 */
final class ZippedDocumentText {

    private static final String WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static final String ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    /** Highest ratio of unpacked to packed size of an entry: text XML packs 5 to 20 times, a zip bomb thousands. */
    static final int MAX_RATIO = 100;
    /** Below this an entry's ratio is not judged: tiny parts of repeated markup pack very well. */
    private static final long RATIO_FLOOR = 1 << 20;

    private ZippedDocumentText() {
    }

    static String extract(byte[] bytes, FileFormat format, long maxUnpacked) {
        String part = format == FileFormat.DOCX ? "word/document.xml" : "content.xml";
        byte[] xml = null;
        Counting counted = new Counting(new ByteArrayInputStream(bytes));
        long unpacked = 0;
        try (ZipInputStream zip = new ZipInputStream(counted)) {
            byte[] buffer = new byte[16 * 1024];
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                long packedStart = counted.count;
                boolean wanted = entry.getName().equals(part);
                ByteArrayOutputStream kept = wanted ? new ByteArrayOutputStream() : null;
                long entryBytes = 0;
                for (int n; (n = zip.read(buffer)) > 0;) {
                    entryBytes += n;
                    unpacked += n;
                    if (unpacked > maxUnpacked) {
                        throw bomb(format, "it unpacks to more than " + maxUnpacked + " bytes (SYNIN_ATTACHMENT_MAX_UNPACKED_BYTES)");
                    }
                    // The inflater reads ahead a buffer's worth, so the packed count is a little high: generous, never strict.
                    long packed = Math.max(1, counted.count - packedStart);
                    if (entryBytes > RATIO_FLOOR && entryBytes / packed > MAX_RATIO) {
                        throw bomb(format, "its entry " + entry.getName() + " unpacks more than " + MAX_RATIO + " times its size");
                    }
                    if (kept != null) {
                        kept.write(buffer, 0, n);
                    }
                }
                if (kept != null) {
                    xml = kept.toByteArray();
                }
            }
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ZipException, EOFException of a cut-off file, IllegalArgumentException of an entry name that is not UTF-8
            throw damaged(format, e.getMessage());
        }
        if (xml == null) {
            throw damaged(format, "it has no " + part);
        }
        try {
            return format == FileFormat.DOCX ? docx(xml) : odt(xml);
        } catch (XMLStreamException | RuntimeException e) {
            throw damaged(format, e.getMessage());
        }
    }

    private static XMLStreamReader parser(byte[] xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    /** Paragraphs as lines, tabs and breaks as themselves, table cells separated by tabs. */
    private static String docx(byte[] xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        XMLStreamReader r = parser(xml);
        boolean inText = false;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT && WORD.equals(r.getNamespaceURI())) {
                switch (r.getLocalName()) {
                    case "t" -> inText = true;
                    case "tab" -> text.append('\t');
                    case "br", "cr" -> text.append('\n');
                    default -> { }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && WORD.equals(r.getNamespaceURI())) {
                switch (r.getLocalName()) {
                    case "t" -> inText = false;
                    case "p" -> text.append('\n');
                    case "tc" -> text.append('\t');
                    default -> { }
                }
            } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && inText) {
                text.append(r.getText());
            }
        }
        return text.toString();
    }

    /** Paragraphs and headings as lines; ODF's space, tab and line-break elements as what they stand for. */
    private static String odt(byte[] xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        XMLStreamReader r = parser(xml);
        int depth = 0; // inside text:p or text:h
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT && ODF_TEXT.equals(r.getNamespaceURI())) {
                switch (r.getLocalName()) {
                    case "p", "h" -> depth++;
                    case "s" -> {
                        String count = r.getAttributeValue(ODF_TEXT, "c");
                        text.append(" ".repeat(count == null ? 1 : Math.max(1, Math.min(1000, parse(count)))));
                    }
                    case "tab" -> text.append('\t');
                    case "line-break" -> text.append('\n');
                    default -> { }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && ODF_TEXT.equals(r.getNamespaceURI())
                    && ("p".equals(r.getLocalName()) || "h".equals(r.getLocalName()))) {
                depth--;
                text.append('\n');
            } else if (event == XMLStreamConstants.END_ELEMENT && ODF_TABLE.equals(r.getNamespaceURI())
                    && "table-cell".equals(r.getLocalName())) {
                text.append('\t');
            } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && depth > 0) {
                text.append(r.getText());
            }
        }
        return text.toString();
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static ApiException bomb(FileFormat format, String why) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The " + format.label + " is refused: " + why
                + ". That is what a zip bomb does; a real document this large is not read either.");
    }

    private static ApiException damaged(FileFormat format, String detail) {
        String why = detail == null ? "unreadable" : detail.length() > 160 ? detail.substring(0, 160) + "…" : detail;
        return ApiException.badRequest("The " + format.label + " is damaged or truncated and cannot be read (" + why + ").");
    }

    /** Counts the packed bytes the zip reader consumed. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
