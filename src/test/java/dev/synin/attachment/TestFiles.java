package dev.synin.attachment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;

/** Files made in code for the attachment tests: every one small, and each made to be exactly what its test needs. */
final class TestFiles {

    /** A 1x1 lossless WebP (the image browsers are probed with). */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    /** A marker in the EXIF of {@link #jpegWithExif}: it must not survive re-encoding. */
    static final String SECRET = "SyninSecretPlace 48.8584N 2.2945E";

    private TestFiles() {
    }

    /** Random colours: a photo, as far as the PNG-or-JPEG choice goes. */
    static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        return image;
    }

    /** A smooth photo-like image: thousands of colours, yet a small JPEG. */
    static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | (x + y) * 255 / (width + height));
            }
        }
        return image;
    }

    /** Two colours and a transparent half: a screenshot-like PNG. */
    static byte[] pngWithTransparency(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width / 2, height);
        g.dispose();
        return write(image, "png");
    }

    static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JPEG with an APP1 Exif segment inserted right after SOI: orientation 6 (turn 90 degrees clockwise), an image
     * description holding {@link #SECRET}, and a GPS IFD with a latitude reference.
     */
    static byte[] jpegWithExif(int width, int height) {
        return jpegWithExif(gradient(width, height));
    }

    static byte[] jpegWithExif(BufferedImage picture) {
        byte[] jpeg = write(picture, "jpeg");
        byte[] secret = (SECRET + "\0").getBytes(StandardCharsets.US_ASCII);
        // TIFF, big-endian: header (8), IFD0 with 3 entries (2 + 36 + 4), GPS IFD with 1 entry (2 + 12 + 4), then the text.
        int ifd0 = 8;
        int gpsIfd = ifd0 + 2 + 3 * 12 + 4;
        int text = gpsIfd + 2 + 12 + 4;
        ByteBuffer tiff = ByteBuffer.allocate(text + secret.length);
        tiff.put(new byte[] { 'M', 'M', 0, 42 }).putInt(ifd0);
        tiff.putShort((short) 3);
        tiff.putShort((short) 0x010e).putShort((short) 2).putInt(secret.length).putInt(text); // ImageDescription
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0); // Orientation
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd); // GPSInfo
        tiff.putInt(0);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] { 'N', 0, 0, 0 }); // GPSLatitudeRef
        tiff.putInt(0);
        tiff.put(secret);
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xff);
        out.write(0xe1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xff);
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A valid PNG signature and header claiming this size, with no pixels at all behind it. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue()).array();
    }

    static byte[] truncated(byte[] bytes, double keep) {
        return java.util.Arrays.copyOf(bytes, (int) (bytes.length * keep));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A PDF with a line of text on each page: "Page 1 of the Synin report", ... */
    static byte[] pdf(int pages) {
        return pdf(pages, document -> { });
    }

    static byte[] encryptedPdf() {
        return pdf(1, document -> {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
        });
    }

    static byte[] pdfWithJavaScript() {
        return pdf(1, document -> document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('hello');")));
    }

    /** One page whose content stream is its text followed by this many MB of spaces, Flate-compressed (a PDF bomb). */
    static byte[] pdfWithHugeContent(int megabytes) {
        return pdf(1, document -> {
            byte[] text = "BT /F1 12 Tf 72 700 Td (Bomb) Tj ET\n".getBytes(StandardCharsets.US_ASCII);
            byte[] content = java.util.Arrays.copyOf(text, text.length + (megabytes << 20));
            java.util.Arrays.fill(content, text.length, content.length, (byte) ' ');
            document.getPage(0).setContents(new PDStream(document, new java.io.ByteArrayInputStream(content), COSName.FLATE_DECODE));
        });
    }

    interface PdfChange {
        void apply(PDDocument document) throws IOException;
    }

    static byte[] pdf(int pages, PdfChange change) {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                document.addPage(page);
                if (pages <= 20) {
                    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                        content.beginText();
                        content.setFont(font, 14);
                        content.newLineAtOffset(72, 700);
                        content.showText("Page " + i + " of the Synin report");
                        content.endText();
                    }
                }
            }
            change.apply(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] docx(String... paragraphs) {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("<w:p><w:r><w:t>").append(p).append("</w:t></w:r></w:p>");
        }
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + body
                + "</w:body></w:document>";
        return zip(false, entry("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                + "package/2006/content-types\"/>"), entry("word/document.xml", document));
    }

    /** A DOCX whose extra entry unpacks to {@code megabytes} MB of zeros (about a thousand times its packed size). */
    static byte[] docxBomb(int megabytes) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/media/filler.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++) {
                zip.write(zeros);
            }
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r>"
                    + "<w:t>Nothing to see here.</w:t></w:r></w:p></w:body></w:document>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] odt(String... paragraphs) {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("<text:p>").append(p).append("</text:p>");
        }
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content"
                + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>" + body
                + "</office:text></office:body></office:document-content>";
        return zip(true, entry("mimetype", "application/vnd.oasis.opendocument.text"), entry("content.xml", content));
    }

    record Entry(String name, byte[] data) {
    }

    static Entry entry(String name, String text) {
        return new Entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A zip of these entries; with {@code firstStored}, the first one uncompressed (as ODF wants its mimetype). */
    static byte[] zip(boolean firstStored, Entry... entries) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < entries.length; i++) {
                ZipEntry entry = new ZipEntry(entries[i].name());
                if (i == 0 && firstStored) {
                    CRC32 crc = new CRC32();
                    crc.update(entries[i].data());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(entries[i].data().length);
                    entry.setCompressedSize(entries[i].data().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(entries[i].data());
                zip.closeEntry();
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
