package dev.synin.web;

import static dev.synin.web.ChatPageBrowserTest.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.FakeServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Attaching from the page: a pasted screenshot for a vision model, a file dropped on the chat. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class AttachmentBrowserTest extends ChatPageTest {

    /** Fires the event a browser fires for a paste or a drop, carrying one file. */
    private static final String FIRE = """
            const [kind, name, type, base64] = arguments;
            const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
            const files = new DataTransfer();
            files.items.add(new File([bytes], name, { type }));
            const event = kind === 'paste'
              ? new ClipboardEvent('paste', { clipboardData: files, bubbles: true, cancelable: true })
              : new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true });
            document.getElementById(kind === 'paste' ? 'composer-input' : 'main').dispatchEvent(event);
            """;

    private static String png() throws Exception {
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, 300, 200);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private WebElement readyChip() {
        return page.until(d -> page.findAll("tray-item").stream()
                .filter(chip -> !chip.getDomAttribute("class").contains("uploading")).findFirst().orElse(null));
    }

    @Test
    void shouldSendAPastedScreenshotToAVisionModelAndShowItInTheMessage() throws Exception {
        fake.speak(FakeServers.Dialect.LM_STUDIO_V1).servers().withVisionModel();
        page.reload();
        page.click("settings-toggle");
        Select model = new Select(page.visible("model-select"));
        page.until(d -> model.getOptions().stream().anyMatch(o -> FakeServers.VISION_MODEL.equals(o.getDomAttribute("value"))));
        model.selectByValue(FakeServers.VISION_MODEL);
        page.composer().click();

        page.js(FIRE, "paste", "screenshot.png", "image/png", png());
        readyChip();
        assertThat(page.find("attachment-tray").getText()).contains("screenshot.png");
        fake.enqueue(answer("An orange square."));
        page.send("What is in it?");
        page.waitForAnswer("complete");

        JsonNode question = fake.lastChatRequest().body().path("messages");
        JsonNode parts = question.get(question.size() - 1).path("content");
        assertThat(parts.get(1).path("image_url").path("url").asText()).startsWith("data:image/png;base64,");
        WebElement thumbnail = page.messages().get(0).findElement(ChatPage.testId("attachment-image"));
        assertThat(thumbnail.getDomAttribute("href")).endsWith("/image");
        page.until(d -> ((Number) page.js("return document.querySelector('[data-testid=attachment-image] img').naturalWidth")).intValue() > 0);
        assertThat(page.find("attachment-tray").isDisplayed()).as("the tray is emptied by sending").isFalse();
    }

    @Test
    void shouldAttachAFileDroppedOnTheChatAndPutItsTextInTheQuestion() {
        String text = Base64.getEncoder().encodeToString("Meeting at nine, room 4.".getBytes(StandardCharsets.UTF_8));
        page.js(FIRE, "drop", "notes.txt", "text/plain", text);
        WebElement chip = readyChip();
        assertThat(chip.getText()).contains("notes.txt");

        fake.enqueue(answer("At nine."));
        page.send("When is the meeting?");
        page.waitForAnswer("complete");

        JsonNode question = fake.lastChatRequest().body().path("messages");
        assertThat(question.get(question.size() - 1).path("content").asText()).contains("[Attached file: notes.txt]")
                .contains("Meeting at nine, room 4.").endsWith("When is the meeting?");
        WebElement document = page.messages().get(0).findElement(ChatPage.testId("attachment-document"));
        assertThat(document.getText()).contains("notes.txt");
        assertThat(document.getDomAttribute("download")).isEqualTo("notes.txt");
    }

    @Test
    void shouldRemoveAFileBeforeSending() {
        String text = Base64.getEncoder().encodeToString("draft".getBytes(StandardCharsets.UTF_8));
        page.js(FIRE, "drop", "draft.txt", "text/plain", text);
        readyChip().findElement(ChatPage.testId("tray-remove")).click();
        page.until(d -> page.findAll("tray-item").isEmpty());
        fake.enqueue(answer("Hi."));
        page.send("Hello");
        page.waitForAnswer("complete");
        JsonNode question = fake.lastChatRequest().body().path("messages");
        assertThat(question.get(question.size() - 1).path("content").asText()).isEqualTo("Hello");
    }
}
