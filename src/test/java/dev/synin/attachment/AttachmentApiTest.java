package dev.synin.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class AttachmentApiTest extends SyninApiTest {

    static ValidatableResponse upload(Browser browser, String name, String type, byte[] bytes) {
        return multipart(browser, new Part("file", name, type, bytes));
    }

    record Part(String field, String name, String type, byte[] bytes) {
    }

    /**
     * A multipart body with its length, as browsers send a FormData (RestAssured's own multipart is chunked, and chunked
     * bodies are read ahead by the body limit filter).
     */
    static ValidatableResponse multipart(Browser browser, Part... parts) {
        String boundary = "----synin" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Part part : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.field() + "\"; filename=\""
                    + part.name().replace("\"", "%22") + "\"\r\n" + (part.type() == null ? "" : "Content-Type: " + part.type() + "\r\n")
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return browser.api().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig
                .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("multipart/form-data; boundary=" + boundary).body(body.toByteArray()).post("/api/attachments").then();
    }

    private static Attachment stored(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Attachment a = Attachment.findById(UUID.fromString(id));
            // Touch the lazy columns inside the transaction.
            if (a != null && a.image != null) {
                a.image.clone();
            }
            return a;
        });
    }

    @Test
    void shouldStoreAnImageReEncodedWithoutMetadataAndServeItsThumbnail() throws IOException {
        byte[] photo = TestFiles.jpegWithExif(3000, 1500);
        String id = upload(browser, "holiday.jpg", "image/jpeg", photo).statusCode(201)
                .body("kind", equalTo("image")).body("type", equalTo("image/jpeg")).body("name", equalTo("holiday.jpg"))
                .body("size", equalTo(photo.length)).body("width", equalTo(1500)).body("height", equalTo(3000))
                .body("pages", nullValue()).body("id", notNullValue()).extract().path("id");
        Attachment attachment = stored(id);
        assertThat(attachment.imageType).isEqualTo("image/jpeg");
        var image = ImageIO.read(new ByteArrayInputStream(attachment.image));
        assertThat(image.getHeight()).as("longest edge scaled to SYNIN_IMAGE_MAX_EDGE").isEqualTo(2048);
        assertThat(image.getWidth()).as("turned upright by the EXIF orientation").isEqualTo(1024);
        assertThat(new String(attachment.image, StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain(TestFiles.SECRET);

        Response thumbnail = browser.api().get("/api/attachments/" + id + "/thumbnail");
        thumbnail.then().statusCode(200).contentType("image/jpeg").header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", containsString("inline"));
        var small = ImageIO.read(new ByteArrayInputStream(thumbnail.asByteArray()));
        assertThat(small.getHeight()).isEqualTo(256);
        assertThat(new String(thumbnail.asByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain(TestFiles.SECRET);
        browser.api().get("/api/attachments/" + id + "/meta").then().statusCode(200).body("id", equalTo(id))
                .body("width", equalTo(1500));
    }

    @Test
    void shouldSendWebpAndGifOnAsPngOrJpeg() {
        for (Object[] file : new Object[][] { { "tiny.webp", "image/webp", TestFiles.WEBP },
                { "anim.gif", "image/gif", TestFiles.write(TestFiles.noise(30, 20), "gif") } }) {
            String id = upload(browser, (String) file[0], (String) file[1], (byte[]) file[2]).statusCode(201)
                    .body("type", equalTo(file[1])).extract().path("id");
            assertThat(stored(id).imageType).as((String) file[0]).isIn("image/png", "image/jpeg");
            browser.api().get("/api/attachments/" + id + "/thumbnail").then().statusCode(200)
                    .contentType(org.hamcrest.Matchers.either(equalTo("image/png")).or(equalTo("image/jpeg")));
            browser.api().get("/api/attachments/" + id).then().statusCode(200).contentType((String) file[1]);
        }
    }

    @Test
    void shouldDownloadTheOriginalAsAnAttachmentWithItsRealTypeAndASafeName() {
        byte[] html = "<!doctype html><html><body><script>alert(document.cookie)</script><p>Quarterly numbers</p></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        String id = upload(browser, "../../secret\u202E/Bericht März.html", "text/html", html).statusCode(201)
                .body("kind", equalTo("document")).body("type", equalTo("text/html")).body("name", equalTo("Bericht März.html"))
                .body("chars", equalTo("Quarterly numbers".length())).extract().path("id");
        Response download = browser.api().get("/api/attachments/" + id);
        download.then().statusCode(200).header("Content-Type", "text/html; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"Bericht M_rz.html\"; filename*=UTF-8''Bericht%20M%C3%A4rz.html")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("sandbox"));
        assertThat(download.asByteArray()).isEqualTo(html);
        browser.api().get("/api/attachments/" + id + "/thumbnail").then().statusCode(404).body("error.code", equalTo("not_found"));
    }

    @Test
    void shouldReadAPdfAndCountItsPages() {
        byte[] pdf = TestFiles.pdf(3);
        String id = upload(browser, "report.pdf", "application/pdf", pdf).statusCode(201).body("kind", equalTo("document"))
                .body("type", equalTo("application/pdf")).body("pages", equalTo(3)).body("width", nullValue())
                .extract().path("id");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Attachment.<Attachment> findById(UUID.fromString(id)).text))
                .contains("Page 2 of the Synin report");
        browser.api().get("/api/attachments/" + id).then().statusCode(200).header("Content-Type", "application/pdf")
                .header("Content-Disposition", containsString("attachment;"));
    }

    @Test
    void shouldRefuseBadInputWithAClearErrorAndStoreNothing() {
        long before = (long) QuarkusTransaction.requiringNew().call(() -> Attachment.count());
        upload(browser, "empty.txt", "text/plain", new byte[0]).statusCode(400).body("error.code", equalTo("bad_request"))
                .body("error.message", containsString("empty"));
        upload(browser, "photo.png", "image/png", TestFiles.pdf(1)).statusCode(415)
                .body("error.code", equalTo("unsupported_media_type")).body("error.message", containsString("PDF"));
        upload(browser, "cut.png", "image/png", TestFiles.truncated(TestFiles.write(TestFiles.noise(300, 300), "png"), 0.4))
                .statusCode(400).body("error.message", containsString("damaged or truncated"));
        upload(browser, "huge.png", "image/png", TestFiles.pngHeaderOnly(60_000, 60_000)).statusCode(413)
                .body("error.code", equalTo("payload_too_large")).body("error.message", containsString("SYNIN_IMAGE_MAX_PIXELS"));
        upload(browser, "locked.pdf", "application/pdf", TestFiles.encryptedPdf()).statusCode(400)
                .body("error.message", containsString("password"));
        upload(browser, "script.pdf", "application/pdf", TestFiles.pdfWithJavaScript()).statusCode(415)
                .body("error.message", containsString("JavaScript"));
        upload(browser, "cut.pdf", "application/pdf", TestFiles.truncated(TestFiles.pdf(2), 0.5)).statusCode(400);
        upload(browser, "long.pdf", "application/pdf", TestFiles.pdf(501)).statusCode(413)
                .body("error.message", containsString("SYNIN_PDF_MAX_PAGES"));
        upload(browser, "bomb.docx", null, TestFiles.docxBomb(300)).statusCode(413).body("error.message", containsString("zip bomb"));
        upload(browser, "..", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("error.message", containsString("file name"));
        upload(browser, "tool.exe", "application/octet-stream", new byte[] { 'M', 'Z', (byte) 0x90, 0, 3, 0 }).statusCode(415);
        assertThat((long) QuarkusTransaction.requiringNew().call(() -> Attachment.count())).isEqualTo(before);
    }

    @Test
    void shouldExplainWhatToSendWhenTheRequestIsNotOneFile() {
        browser.api().body("{\"file\":\"x\"}").post("/api/attachments").then().statusCode(415)
                .body("error.message", containsString("multipart/form-data"));
        multipart(browser, new Part("other", "a.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8))).statusCode(400)
                .body("error.message", containsString("\"file\""));
        multipart(browser, new Part("file", "a.txt", "text/plain", "one".getBytes(StandardCharsets.UTF_8)),
                new Part("file", "b.txt", "text/plain", "two".getBytes(StandardCharsets.UTF_8))).statusCode(400)
                .body("error.message", containsString("one file"));
        // RestAssured sends multipart chunked, which browsers never do: a clear 400, not a 500.
        browser.api().contentType("multipart/form-data").multiPart("file", "a.txt", "hi".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/attachments").then().statusCode(400).body("error.message", containsString("Content-Length"));
    }

    @Test
    void shouldHideAnotherOwnersAttachmentOnEveryEndpoint() {
        String id = upload(browser, "mine.png", "image/png", TestFiles.pngWithTransparency(40, 40)).statusCode(201)
                .extract().path("id");
        Browser mallory = Browser.fresh(base);
        for (String path : new String[] { "", "/meta", "/thumbnail" }) {
            mallory.api().get("/api/attachments/" + id + path).then().statusCode(404).body("error.code", equalTo("not_found"));
            mallory.api().get("/api/attachments/" + UUID.randomUUID() + path).then().statusCode(404);
            browser.api().get("/api/attachments/" + id + path).then().statusCode(200);
        }
        browser.api().get("/api/attachments/not-a-uuid").then().statusCode(404);
    }
}
