package dev.synin.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;

/** The processing itself, with limits small enough to reach in a test; the HTTP side is in AttachmentApiTest. */
class AttachmentProcessorTest {

    record Limits(long bytes, long pixels, int edge, int pages, int chars, long unpacked) implements AttachmentConfig {

        static Limits defaults() {
            return new Limits(20 << 20, 50_000_000, 2048, 500, 1_000_000, 100 << 20);
        }

        @Override
        public MemorySize maxBytes() {
            return new MemorySize(BigInteger.valueOf(bytes));
        }

        @Override
        public int perMessage() {
            return 10;
        }

        @Override
        public long imageMaxPixels() {
            return pixels;
        }

        @Override
        public int imageMaxEdge() {
            return edge;
        }

        @Override
        public int pdfMaxPages() {
            return pages;
        }

        @Override
        public int maxTextChars() {
            return chars;
        }

        @Override
        public MemorySize maxUnpackedBytes() {
            return new MemorySize(BigInteger.valueOf(unpacked));
        }

        @Override
        public Duration unsentTtl() {
            return Duration.ofDays(1);
        }
    }

    private final AttachmentProcessor processor = new AttachmentProcessor(Limits.defaults());

    private static ErrorCode refusal(AttachmentProcessor processor, String name, byte[] bytes) {
        try {
            processor.process(name, null, bytes);
        } catch (ApiException e) {
            return e.errorCode();
        }
        throw new AssertionError(name + " was accepted");
    }

    private static BufferedImage read(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void shouldScaleALargePhotoToTheMaxEdgeAsJpeg() throws IOException {
        var processed = processor.process("big.jpg", "image/jpeg", TestFiles.write(TestFiles.noise(4100, 2050), "jpeg"));
        assertThat(processed.imageType()).isEqualTo("image/jpeg");
        BufferedImage image = read(processed.image());
        assertThat(image.getWidth()).isEqualTo(2048);
        assertThat(image.getHeight()).isEqualTo(1024);
        assertThat(processed.width()).isEqualTo(4100);
        assertThat(processed.height()).isEqualTo(2050);
        BufferedImage thumbnail = read(processed.thumbnail());
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(AttachmentProcessor.THUMBNAIL_EDGE);
    }

    @Test
    void shouldKeepTheColoursOfAPhoto() throws IOException {
        var processed = processor.process("sky.jpg", "image/jpeg", TestFiles.write(TestFiles.gradient(3000, 1000), "jpeg"));
        BufferedImage image = read(processed.image());
        int right = image.getRGB(image.getWidth() - 8, 8);
        int bottomLeft = image.getRGB(8, image.getHeight() - 8);
        assertThat(right >> 16 & 0xff).as("red grows to the right").isGreaterThan(230);
        assertThat(right >> 8 & 0xff).isLessThan(25);
        assertThat(bottomLeft >> 8 & 0xff).as("green grows downwards").isGreaterThan(230);
        assertThat(bottomLeft >> 16 & 0xff).isLessThan(25);
    }

    @Test
    void shouldKeepTransparencyAndFewColoursAsPngWithoutScalingSmallImages() throws IOException {
        var processed = processor.process("shot.png", "image/png", TestFiles.pngWithTransparency(300, 200));
        assertThat(processed.imageType()).isEqualTo("image/png");
        assertThat(processed.thumbnailType()).isEqualTo("image/png");
        BufferedImage image = read(processed.image());
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getRGB(299, 0) >>> 24).as("the transparent half stays transparent").isZero();
    }

    @Test
    void shouldDropExifAndGpsButApplyTheOrientation() throws IOException {
        byte[] original = TestFiles.jpegWithExif(400, 300);
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains("Exif").contains(TestFiles.SECRET);
        var processed = processor.process("photo.jpg", "image/jpeg", original);
        for (byte[] encoded : new byte[][] { processed.image(), processed.thumbnail() }) {
            String text = new String(encoded, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("Exif").doesNotContain(TestFiles.SECRET).doesNotContain("MM\0*");
            assertThat(ExifOrientation.of(encoded)).isEqualTo(1);
        }
        assertThat(ExifOrientation.of(original)).isEqualTo(6);
        BufferedImage image = read(processed.image());
        assertThat(image.getWidth()).as("turned upright: portrait").isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(processed.width()).isEqualTo(300);
        assertThat(processed.height()).isEqualTo(400);
    }

    @Test
    void shouldTurnAPhotoTakenSidewaysClockwise() throws IOException {
        BufferedImage stored = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = stored.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 400, 300);
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 100, 100); // the stored top-left corner
        g.dispose();
        BufferedImage upright = read(processor.process("side.jpg", "image/jpeg", TestFiles.jpegWithExif(stored)).image());
        // Orientation 6: turned 90 degrees clockwise, the top-left corner is at the top right.
        assertThat(upright.getRGB(300 - 20, 20) >> 16 & 0xff).isGreaterThan(200);
        assertThat(upright.getRGB(300 - 20, 20) & 0xff).as("red, not white").isLessThan(60);
        assertThat(upright.getRGB(20, 20) & 0xff).as("white at the top left").isGreaterThan(200);
    }

    @Test
    void shouldTurnWebpAndGifIntoPngOrJpeg() throws IOException {
        var webp = processor.process("tiny.webp", "image/webp", TestFiles.WEBP);
        assertThat(webp.type()).isEqualTo("image/webp");
        assertThat(webp.imageType()).isIn("image/png", "image/jpeg");
        assertThat(read(webp.image()).getWidth()).isEqualTo(1);
        var gif = processor.process("anim.gif", "image/gif", TestFiles.write(TestFiles.noise(64, 32), "gif"));
        assertThat(gif.type()).isEqualTo("image/gif");
        assertThat(gif.imageType()).isIn("image/png", "image/jpeg");
        assertThat(new String(gif.image(), 0, 6, StandardCharsets.ISO_8859_1)).doesNotStartWith("GIF");
        assertThat(read(gif.image()).getWidth()).isEqualTo(64);
    }

    @Test
    void shouldRefuseHugeDimensionsFromTheHeaderBeforeDecoding() {
        assertThat(refusal(processor, "bomb.png", TestFiles.pngHeaderOnly(100_000, 100_000))).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        AttachmentProcessor small = new AttachmentProcessor(new Limits(20 << 20, 10_000, 2048, 500, 1_000_000, 100 << 20));
        assertThat(refusal(small, "a.png", TestFiles.pngWithTransparency(101, 100))).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(small.process("b.png", null, TestFiles.pngWithTransparency(100, 100)).width()).isEqualTo(100);
    }

    @Test
    void shouldRefuseTruncatedAndCorruptImagesAsBadRequests() {
        byte[] png = TestFiles.write(TestFiles.noise(200, 200), "png");
        byte[] jpeg = TestFiles.write(TestFiles.noise(200, 200), "jpeg");
        assertThat(refusal(processor, "cut.png", TestFiles.truncated(png, 0.5))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refusal(processor, "cut.jpg", TestFiles.truncated(jpeg, 0.5))).isEqualTo(ErrorCode.BAD_REQUEST);
        byte[] garbled = png.clone();
        for (int i = 60; i < garbled.length; i += 7) {
            garbled[i] ^= 0x5a;
        }
        assertThat(refusal(processor, "garbled.png", garbled)).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refusal(processor, "header.png", TestFiles.pngHeaderOnly(10, 10))).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void shouldRefuseContentThatLiesAboutItsType() {
        byte[] pdf = TestFiles.pdf(1);
        assertThatThrownBy(() -> processor.process("holiday.png", "image/png", pdf)).isInstanceOf(ApiException.class)
                .hasMessageContaining("PNG image").hasMessageContaining("PDF")
                .satisfies(e -> assertThat(((ApiException) e).errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        assertThat(refusal(processor, "report.pdf", "just text".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        // The declared type lies too, whatever the name.
        assertThatThrownBy(() -> processor.process("scan", "application/pdf", TestFiles.write(TestFiles.noise(8, 8), "png")))
                .hasMessageContaining("claims to be a PDF");
        assertThat(refusal(processor, "random.png", new byte[] { 1, 2, 3, 0, 5, 6 })).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(refusal(processor, "notes.docx", "plain text".getBytes(StandardCharsets.UTF_8))).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(refusal(processor, "page.png", "<!doctype html><p>hi".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        // One image format named as another (a WebP saved as .jpg) is still an image: its real type is kept.
        assertThat(processor.process("saved.jpg", "image/jpeg", TestFiles.WEBP).type()).isEqualTo("image/webp");
        assertThat(refusal(processor, "program.exe", new byte[] { 'M', 'Z', 0, 0, 1 })).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(refusal(processor, "latin1.txt", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void shouldReadAPdfWithItsPagesAndRefuseEncryptedScriptedLongAndTruncatedOnes() {
        var pdf = processor.process("report.pdf", "application/pdf", TestFiles.pdf(3));
        assertThat(pdf.pages()).isEqualTo(3);
        assertThat(pdf.text()).contains("Page 1 of the Synin report").contains("Page 3 of the Synin report");
        assertThatThrownBy(() -> processor.process("locked.pdf", null, TestFiles.encryptedPdf())).hasMessageContaining("password")
                .satisfies(e -> assertThat(((ApiException) e).errorCode()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> processor.process("script.pdf", null, TestFiles.pdfWithJavaScript()))
                .hasMessageContaining("scripts");
        AttachmentProcessor fivePages = new AttachmentProcessor(new Limits(20 << 20, 50_000_000, 2048, 5, 1_000_000, 100 << 20));
        assertThat(fivePages.process("five.pdf", null, TestFiles.pdf(5)).pages()).isEqualTo(5);
        assertThatThrownBy(() -> fivePages.process("six.pdf", null, TestFiles.pdf(6))).hasMessageContaining("6 pages")
                .hasMessageContaining("SYNIN_PDF_MAX_PAGES");
        assertThat(refusal(processor, "cut.pdf", TestFiles.truncated(TestFiles.pdf(3), 0.6))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refusal(processor, "blank.pdf", TestFiles.pdf(30))).as("no text layer").isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void shouldRefuseAPdfWhoseCompressedTextUnpacksBeyondTheLimit() {
        AttachmentProcessor tight = new AttachmentProcessor(new Limits(20 << 20, 50_000_000, 2048, 500, 1_000_000, 1 << 20));
        byte[] bomb = TestFiles.pdfWithHugeContent(3);
        assertThat(bomb.length).as("packed small").isLessThan(100_000);
        assertThatThrownBy(() -> tight.process("bomb.pdf", null, bomb)).hasMessageContaining("SYNIN_ATTACHMENT_MAX_UNPACKED_BYTES")
                .satisfies(e -> assertThat(((ApiException) e).errorCode()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        assertThat(tight.process("report.pdf", null, TestFiles.pdf(3)).pages()).isEqualTo(3);
        assertThat(processor.process("big.pdf", null, bomb).text()).isEqualTo("Bomb");
    }

    @Test
    void shouldReadDocxOdtHtmlAndTextFiles() {
        var docx = processor.process("letter.docx", null, TestFiles.docx("Dear Synin,", "the attachments work."));
        assertThat(docx.text()).isEqualTo("Dear Synin,\nthe attachments work.");
        assertThat(docx.type()).isEqualTo(FileFormat.DOCX.mediaType);
        var odt = processor.process("notes.odt", null, TestFiles.odt("First", "Second"));
        assertThat(odt.text()).isEqualTo("First\nSecond");
        assertThat(odt.type()).isEqualTo(FileFormat.ODT.mediaType);
        var html = processor.process("page.html", "text/html", ("<!doctype html><html><head><title>T</title><script>alert(1)"
                + "</script><style>p{}</style></head><body><h1>Hello</h1><p>World</p><ul><li>one</li></ul></body></html>")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(html.text()).contains("Hello").contains("World").contains("- one").doesNotContain("alert").doesNotContain("p{}");
        var markdown = processor.process("README.md", "text/markdown", "# Title\n\nÜber alles\n".getBytes(StandardCharsets.UTF_8));
        assertThat(markdown.type()).isEqualTo("text/markdown");
        assertThat(markdown.text()).isEqualTo("# Title\n\nÜber alles");
        assertThat(processor.process("Main.java", "text/x-java", "class Main {}".getBytes(StandardCharsets.UTF_8)).type())
                .isEqualTo("text/plain");
        // Browsers call TypeScript video/mp2t: the content decides.
        assertThat(processor.process("app.ts", "video/mp2t", "let a = 1;".getBytes(StandardCharsets.UTF_8)).text()).isEqualTo("let a = 1;");
    }

    @Test
    void shouldRefuseTruncatedDocxAndOdtButReadAJpegWithBrokenExif() {
        byte[] docx = TestFiles.docx("A".repeat(5000), "B".repeat(5000));
        assertThat(refusal(processor, "cut.docx", TestFiles.truncated(docx, 0.7))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refusal(processor, "cut.odt", TestFiles.truncated(TestFiles.odt("x".repeat(5000)), 0.5))).isEqualTo(ErrorCode.BAD_REQUEST);
        byte[] jpeg = TestFiles.jpegWithExif(40, 30);
        // SOI, APP1 marker and length, "Exif\0\0", then TIFF's byte order and 42: the IFD offset, now far past the segment.
        int ifdOffset = 2 + 4 + 6 + 4;
        jpeg[ifdOffset + 1] = 0x7f;
        var processed = processor.process("odd.jpg", "image/jpeg", jpeg);
        assertThat(processed.width()).as("no orientation read: as stored").isEqualTo(40);
    }

    @Test
    void shouldRefuseZipBombsInDocx() {
        assertThatThrownBy(() -> processor.process("bomb.docx", null, TestFiles.docxBomb(200)))
                .hasMessageContaining("zip bomb")
                .satisfies(e -> assertThat(((ApiException) e).errorCode()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        // Below the ratio check's floor, the total still counts.
        AttachmentProcessor tight = new AttachmentProcessor(new Limits(20 << 20, 50_000_000, 2048, 500, 1_000_000, 1 << 19));
        assertThatThrownBy(() -> tight.process("bomb.docx", null, TestFiles.docxBomb(1))).hasMessageContaining("unpacks to more than");
    }

    @Test
    void shouldRefuseEmptyOversizeAndTooLongFiles() {
        assertThat(refusal(processor, "empty.txt", new byte[0])).isEqualTo(ErrorCode.BAD_REQUEST);
        AttachmentProcessor tiny = new AttachmentProcessor(new Limits(10, 50_000_000, 2048, 500, 5, 100 << 20));
        assertThatThrownBy(() -> tiny.process("a.txt", null, "12345678901".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("SYNIN_ATTACHMENT_MAX_BYTES")
                .satisfies(e -> assertThat(((ApiException) e).errorCode()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        assertThatThrownBy(() -> tiny.process("a.txt", null, "123456".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("SYNIN_ATTACHMENT_MAX_TEXT_CHARS");
        assertThat(tiny.process("a.txt", null, "12345".getBytes(StandardCharsets.UTF_8)).text()).isEqualTo("12345");
    }
}
