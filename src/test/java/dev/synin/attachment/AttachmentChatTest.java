package dev.synin.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.FakeServers;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Files sent with a question: images as content parts to a vision model, documents' text in the context. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class AttachmentChatTest extends SyninApiTest {

    private String upload(String name, String type, byte[] bytes) {
        return AttachmentApiTest.upload(browser, name, type, bytes).statusCode(201).extract().path("id");
    }

    private static Map<String, Object> ask(String text, String model, String... attachments) {
        Map<String, Object> body = new HashMap<>();
        body.put("messages", List.of(Map.of("role", "user", "content", text, "attachments", List.of(attachments))));
        if (model != null) {
            body.put("model", model);
        }
        return body;
    }

    private JsonNode question() {
        JsonNode messages = fake.lastChatRequest().body().path("messages");
        return messages.get(messages.size() - 1);
    }

    @Test
    void shouldSendAnImageAsAScaledPngDataUrlWithoutMetadataToAVisionModel() throws Exception {
        fake.speak(dev.synin.testing.FakeServers.Dialect.LM_STUDIO_V1).servers().withVisionModel();
        browser.api().get("/api/models").then().statusCode(200); // the listing (and which models see) read anew
        String image = upload("holiday.jpg", "image/jpeg", TestFiles.jpegWithExif(3000, 1500));

        SseClient stream = browser.stream(ask("What is in this picture?", FakeServers.VISION_MODEL, image)).awaitEnd(WAIT);
        assertThat(stream.named("done")).as("%s", stream.events()).hasSize(1);

        JsonNode parts = question().path("content");
        assertThat(parts.isArray()).as("content parts").isTrue();
        assertThat(parts.get(0).path("type").asText()).isEqualTo("text");
        assertThat(parts.get(0).path("text").asText()).isEqualTo("What is in this picture?");
        String url = parts.get(1).path("image_url").path("url").asText();
        assertThat(url).startsWith("data:image/jpeg;base64,").as("LM Studio takes data URLs only");
        byte[] sent = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
        var picture = ImageIO.read(new ByteArrayInputStream(sent));
        assertThat(Math.max(picture.getWidth(), picture.getHeight())).as("scaled to SYNIN_IMAGE_MAX_EDGE").isEqualTo(2048);
        assertThat(new String(sent, StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("GPS");

        String id = conversationId(stream);
        browser.api().get("/api/conversations/" + id).then().body("messages[0].attachments[0].id", equalTo(image))
                .body("messages[0].attachments[0].kind", equalTo("image"));

        // The next question carries the image in the history again.
        Map<String, Object> next = new HashMap<>(ask("And its colours?", null));
        next.put("conversationId", id);
        browser.stream(next).awaitEnd(WAIT);
        JsonNode first = fake.lastChatRequest().body().path("messages").get(0);
        assertThat(first.path("content").get(1).path("type").asText()).isEqualTo("image_url");
    }

    @Test
    void shouldPutAPdfsTextInTheQuestionsContext() {
        String pdf = upload("report.pdf", "application/pdf", TestFiles.pdf(2));

        browser.stream(ask("Summarise it", null, pdf)).awaitEnd(WAIT).await("done", WAIT);

        String content = question().path("content").asText();
        assertThat(content).startsWith("[Attached file: report.pdf, 2 pages]").contains("Page 1 of the Synin report")
                .contains("Page 2 of the Synin report").endsWith("Summarise it");
    }

    @Test
    void shouldRefuseAnImageForAModelThatCannotSeeBeforeCallingIt() {
        fake.speak(dev.synin.testing.FakeServers.Dialect.LM_STUDIO_V1);
        browser.api().get("/api/models").then().statusCode(200);
        String image = upload("cat.png", "image/png", TestFiles.pngWithTransparency(64, 64));

        browser.api().body(ask("What is this?", "qwen2.5-7b-instruct", image)).post("/api/chat").then().statusCode(400)
                .body("error.message", containsString("cannot see images"));
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void shouldRefuseAnotherOwnersUploadAndAFileSentTwice() {
        String pdf = upload("report.pdf", "application/pdf", TestFiles.pdf(1));
        dev.synin.testing.Browser stranger = dev.synin.testing.Browser.fresh(base);
        stranger.api().body(ask("Mine now?", null, pdf)).post("/api/chat").then().statusCode(400)
                .body("error.message", containsString("does not exist"));
        stranger.api().get("/api/attachments/" + pdf).then().statusCode(404);

        browser.stream(ask("Read it", null, pdf)).awaitEnd(WAIT).await("done", WAIT);
        browser.api().body(ask("Again", null, pdf)).post("/api/chat").then().statusCode(409)
                .body("error.message", containsString("already sent"));
    }

    @Test
    void shouldKeepTheFilesOfAnEditedQuestion() {
        String pdf = upload("notes.txt", "text/plain", "The secret word is plum.".getBytes(StandardCharsets.UTF_8));
        SseClient first = browser.stream(ask("What is the word?", null, pdf)).awaitEnd(WAIT);
        String id = conversationId(first);
        String question = first.named("start").get(0).data().path("userMessageId").asText();

        Map<String, Object> edit = new HashMap<>();
        edit.put("conversationId", id);
        edit.put("editMessageId", question);
        edit.put("messages", List.of(Map.of("role", "user", "content", "Which word is it?")));
        browser.stream(edit).awaitEnd(WAIT);

        assertThat(question().path("content").asText()).contains("The secret word is plum.").endsWith("Which word is it?");
        browser.api().get("/api/conversations/" + id).then().body("messages[0].attachments[0].name", equalTo("notes.txt"));
    }

    @Test
    void shouldExportTheFilesWithTheConversationAndImportThemBack() {
        byte[] notes = "Buy oat milk.".getBytes(StandardCharsets.UTF_8);
        String file = upload("list.txt", "text/plain", notes);
        String id = conversationId(browser.stream(ask("What is on my list?", null, file)).awaitEnd(WAIT));

        String exported = browser.api().get("/api/conversations/" + id + "/export?format=json").then().statusCode(200).extract().asString();
        JsonNode files = dev.synin.testing.Json.read(exported).path("files");
        assertThat(files.size()).isEqualTo(1);
        JsonNode exportedFile = files.elements().next().get(0);
        assertThat(exportedFile.path("name").asText()).isEqualTo("list.txt");
        assertThat(Base64.getDecoder().decode(exportedFile.path("data").asText())).isEqualTo(notes);

        String copy = browser.api().body(exported).post("/api/import").then().statusCode(201).extract().path("conversations[0].id");
        String restored = browser.api().get("/api/conversations/" + copy).then().body("messages[0].attachments[0].name", equalTo("list.txt"))
                .extract().path("messages[0].attachments[0].id");
        assertThat(restored).isNotEqualTo(file);
        assertThat(browser.api().get("/api/attachments/" + restored).then().statusCode(200).extract().asByteArray()).isEqualTo(notes);

        assertThat(browser.api().get("/api/conversations/" + id + "/export?format=markdown").then().extract().asString())
                .contains("_Attached: list.txt_");

        String broken = exported.replace(exportedFile.path("data").asText(), "not base64!");
        browser.api().body(broken).post("/api/import").then().statusCode(400).body("error.message", containsString("not base64"));
    }
}
