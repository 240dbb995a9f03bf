package dev.synin.web;

import static dev.synin.testing.FakeLmStudio.contentChunk;
import static dev.synin.testing.FakeLmStudio.finishChunk;
import static dev.synin.testing.FakeLmStudio.ms;
import static dev.synin.testing.FakeLmStudio.numberedAnswer;
import static dev.synin.testing.FakeLmStudio.reasoningChunk;
import static dev.synin.testing.FakeLmStudio.usageChunk;
import static dev.synin.web.ChatPage.testId;
import static dev.synin.web.ChatPageBrowserTest.answer;
import static dev.synin.web.ChatPageBrowserTest.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import dev.synin.conversation.Conversation;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The details of the chat page in daily use: settings checks, titles, the sidebar, scrolling, icons, messages. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ChatPageDetailsBrowserTest extends ChatPageTest {

    /** The settings panel is remembered open or closed on a wide screen: open it if it is closed. */
    private void openSettings() {
        if (!page.find("temperature-input").isDisplayed()) {
            page.click("settings-toggle");
        }
        page.visible("temperature-input");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fetchJson(String path) {
        return (Map<String, Object>) page.js("return fetch(arguments[0], {headers: {'X-Requested-With': 'synin'}})"
                + ".then(r => r.json())", path);
    }

    @Test
    void shouldRefuseOutOfRangeSettingsNextToTheFieldAndSaveNothing() {
        fake.enqueue(answer("Hi."));
        page.send("Hello");
        page.waitForAnswer("complete");
        page.waitForConversationUrl();
        openSettings();
        String temperatureBefore = page.visible("temperature-input").getDomProperty("value");

        replace(page.find("temperature-input"), "5");
        page.composer().click();
        assertThat(page.visible("temperature-error").getText()).contains("from 0 to 2");
        page.waitForFocus("temperature-input");
        assertThat(page.find("temperature-input").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.find("settings-saved").getText()).isNotEqualTo("Saved.");

        replace(page.find("max-tokens-input"), "-4");
        page.composer().click();
        assertThat(page.visible("max-tokens-error").getText()).contains("whole number of at least 1");
        page.waitForFocus("max-tokens-input");
        assertThat(page.find("settings-saved").getText()).isNotEqualTo("Saved.");

        // Nothing reached the server: a reload shows what was there before.
        page.reload();
        assertThat(page.find("temperature-input").getDomProperty("value")).isEqualTo(temperatureBefore);
        assertThat(page.find("max-tokens-input").getDomProperty("value")).isEmpty();
        assertThat(page.find("temperature-error").getDomProperty("hidden")).isEqualTo("true");

        // A value in range is saved, and the message goes away as soon as the text is fixed.
        openSettings();
        replace(page.visible("temperature-input"), "3");
        page.composer().click();
        page.visible("temperature-error");
        replace(page.find("temperature-input"), "1.5");
        page.until(d -> !page.find("temperature-error").isDisplayed());
        page.composer().click();
        page.until(d -> page.find("settings-saved").getText().equals("Saved."));

        // A new chat checks its local defaults the same way, and sends the last value accepted.
        page.click("new-chat-button");
        assertThat(page.find("temperature-input").getDomProperty("value")).isEqualTo("1.5");
        replace(page.find("temperature-input"), "5");
        page.composer().click();
        page.visible("temperature-error");
        page.waitForFocus("temperature-input");
        fake.enqueue(answer("Ok."));
        page.send("Hi again");
        page.waitForAnswer("complete");
        assertThat(fake.lastChatRequest().body().path("temperature").asDouble()).isEqualTo(1.5);
    }

    @Test
    void shouldShowTheTitleInTheHeaderAndTabWhileTheFirstAnswerIsWritten() {
        fake.enqueue(Reply.stream(numberedAnswer(400)).pace(ms(40)));
        page.send("## Plan **a trip** to `Lisbon`");

        page.until(d -> page.find("chat-title").getText().equals("Plan a trip to Lisbon"));
        page.until(d -> driver.getTitle().equals("Plan a trip to Lisbon · Synin"));
        assertThat(page.lastAnswer().getDomAttribute("data-status")).isEqualTo("streaming");
        page.click("stop-button");
        page.waitForAnswer("stopped");
        assertThat(page.find("chat-title").getText()).isEqualTo("Plan a trip to Lisbon");
    }

    @Test
    void shouldGroupTheSidebarByDateWithPlainTitlesAndTooltips() {
        List<String> questions = List.of("# Heading one", "**Bold** move", "Use `code` here",
                "An old question, long enough for the sidebar to cut it");
        for (String question : questions) {
            page.click("new-chat-button");
            fake.enqueue(answer("Ok."));
            page.send(question);
            page.waitForAnswer("complete");
            page.waitForConversationUrl();
        }
        page.until(d -> page.findAll("conversation-item").size() == 4);
        // Newest first: the last question is at the top.
        List<String> ids = new ArrayList<>();
        for (WebElement item : page.findAll("conversation-item")) {
            ids.add(item.getDomAttribute("data-conversation-id"));
        }
        Instant now = Instant.now();
        age(ids.get(0), now.minus(Duration.ofDays(30)));   // the long question: Older
        age(ids.get(1), now.minus(Duration.ofDays(3)));    // code: Previous 7 days
        age(ids.get(2), now.minus(Duration.ofDays(1)));    // bold: Yesterday
        page.reload();                                       // heading stays Today

        List<WebElement> groups = page.until(d -> {
            List<WebElement> found = page.findAll("conversation-group");
            return found.size() == 4 ? found : null;
        });
        assertThat(groups).extracting(g -> g.findElement(By.tagName("h2")).getText())
                .containsExactly("Today", "Yesterday", "Previous 7 days", "Older");
        assertThat(groups).extracting(g -> g.findElement(testId("conversation-item")).getDomAttribute("title"))
                .containsExactly("Heading one", "Bold move", "Use code here", questions.get(3));
        assertThat(groups.subList(0, 3)).extracting(g -> g.findElement(testId("conversation-item")).getText())
                .containsExactly("Heading one", "Bold move", "Use code here");
        WebElement old = groups.get(3).findElement(testId("conversation-item"));
        // The list cuts the long title short; the tooltip has all of it.
        assertThat((Boolean) page.js("const t = arguments[0].querySelector('.history__title'); return t.scrollWidth > t.clientWidth", old)).isTrue();
        assertThat(groups.get(0).findElement(testId("conversation-item")).getDomAttribute("title")).isEqualTo("Heading one");
        // The header shows the plain title too.
        old.click();
        page.until(d -> page.find("chat-title").getText().equals(questions.get(3)));
    }

    private static void age(String id, Instant updatedAt) {
        QuarkusTransaction.requiringNew().run(() -> Conversation.update("updatedAt = ?1 where id = ?2", updatedAt, UUID.fromString(id)));
    }

    @Test
    void shouldOfferAWayBackToTheEndAndShowWhatIsSentWhileScrolledUp() {
        String[] lines = new String[150];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "Paragraph " + i + ".\n\n";
        }
        fake.enqueue(answer(lines));
        page.send("Write many paragraphs");
        page.waitForAnswer("complete");
        page.until(d -> page.distanceToEnd() < 80);
        assertThat(page.find("jump-to-end").isDisplayed()).isFalse();

        page.js("document.getElementById('chat-scroll').scrollTop = 0");
        page.visible("jump-to-end");
        page.click("jump-to-end");
        page.until(d -> page.distanceToEnd() < 80);
        page.until(d -> !page.find("jump-to-end").isDisplayed());

        page.js("document.getElementById('chat-scroll').scrollTop = 0");
        page.visible("jump-to-end");
        fake.enqueue(answer("Short answer."));
        page.send("One more");
        page.until(d -> page.messages().size() == 4);
        page.waitForAnswer("complete");
        page.until(d -> page.distanceToEnd() < 80);
        assertThat(page.lastAnswerText()).isEqualTo("Short answer.");

        // While an answer is written, scrolling up keeps the view where it is and offers the way back.
        fake.enqueue(Reply.stream(numberedAnswer(300)).pace(ms(30)));
        page.send("Count");
        page.waitForAnswerText("t3 ");
        page.js("document.getElementById('chat-scroll').scrollTop = 0");
        page.visible("jump-to-end");
        page.waitForAnswerText("t60 ");
        assertThat(((Number) page.js("return document.getElementById('chat-scroll').scrollTop")).intValue()).isZero();
        page.click("jump-to-end");
        page.until(d -> page.distanceToEnd() < 80);
        page.click("stop-button");
        page.waitForAnswer("stopped");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldServeTheFaviconAndAnInstallableManifest() {
        page.reload();
        String icon = (String) page.js("return document.querySelector('link[rel=icon]').getAttribute('href')");
        assertThat(icon).isEqualTo("/favicon.svg");
        assertThat(page.js("return fetch('/favicon.svg').then(r => r.status + ' ' + r.headers.get('content-type'))"))
                .asString().startsWith("200 image/svg+xml");

        String manifestPath = (String) page.js("return document.querySelector('link[rel=manifest]').getAttribute('href')");
        Map<String, Object> manifest = fetchJson(manifestPath);
        assertThat(manifest).containsEntry("name", "Synin").containsEntry("display", "standalone")
                .containsEntry("start_url", "/").containsKey("theme_color");
        List<Map<String, Object>> icons = (List<Map<String, Object>>) manifest.get("icons");
        assertThat(icons).extracting(i -> i.get("sizes")).contains("192x192", "512x512");
        for (Map<String, Object> entry : icons) {
            assertThat(page.js("return fetch(arguments[0]).then(r => r.status)", entry.get("src"))).isEqualTo(200L);
        }
        assertThat(console("Failed to load resource", "Uncaught", "Refused to")).isEmpty();
    }

    @Test
    void shouldCollapseALongQuestionBehindShowMore() {
        fake.enqueue(answer("Read it."));
        page.send("Please read this. " + "All work and no play. ".repeat(60));
        page.waitForAnswer("complete");
        fake.enqueue(answer("Sure."));
        page.send("Short one");
        page.until(d -> page.answers().size() == 2 && "complete".equals(page.lastAnswer().getDomAttribute("data-status")));

        WebElement longQuestion = page.messages().get(0);
        WebElement bubble = longQuestion.findElement(testId("message-body"));
        WebElement more = longQuestion.findElement(testId("show-more"));
        assertThat(more.isDisplayed()).isTrue();
        assertThat(more.getText()).isEqualTo("Show more");
        assertThat(clipped(bubble)).isTrue();
        more.click();
        page.until(d -> more.getText().equals("Show less"));
        assertThat(more.getDomAttribute("aria-expanded")).isEqualTo("true");
        assertThat(clipped(bubble)).isFalse();
        more.click();
        page.until(d -> more.getText().equals("Show more") && clipped(bubble));

        assertThat(page.messages().get(2).findElement(testId("show-more")).isDisplayed()).isFalse();
    }

    private boolean clipped(WebElement element) {
        return (Boolean) page.js("return arguments[0].scrollHeight > arguments[0].clientHeight + 1", element);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowWhenEachMessageWasWritten() {
        fake.enqueue(answer("Noon."));
        page.send("What time is it?");
        page.waitForAnswer("complete");
        String id = page.waitForConversationUrl().substring("/c/".length());

        List<WebElement> times = page.until(d -> {
            List<WebElement> found = page.findAll("message-time");
            return found.size() == 2 && found.stream().allMatch(t -> t.getDomAttribute("datetime") != null) ? found : null;
        });
        List<Map<String, Object>> stored = (List<Map<String, Object>>) fetchJson("/api/conversations/" + id).get("messages");
        List<Object> createdAt = stored.stream().filter(m -> !"system".equals(m.get("role"))).map(m -> m.get("createdAt")).toList();
        for (int i = 0; i < 2; i++) {
            WebElement time = times.get(i);
            assertThat(time.getTagName()).isEqualTo("time");
            assertThat(Instant.parse(time.getDomAttribute("datetime"))).isEqualTo(Instant.parse((String) createdAt.get(i)));
            assertThat(time.getDomProperty("textContent")).matches(".*\\d{1,2}:\\d{2}.*");
            assertThat(time.getDomAttribute("title")).contains(String.valueOf(Instant.parse((String) createdAt.get(i)).atZone(ZoneId.systemDefault()).getYear()));
        }
    }

    @Test
    void shouldSayHowLongTheModelThoughtOnlyWhenItWasMeasured() {
        fake.enqueue(Reply.stream(List.of(reasoningChunk("Let me think. "), reasoningChunk("Still thinking. "),
                reasoningChunk("Done."), contentChunk("Hello!"), finishChunk("stop"), usageChunk(5, 9), "[DONE]")).pace(ms(500)));
        page.send("Hi");
        WebElement answer = page.waitForAnswer("complete");

        String summary = answer.findElement(By.cssSelector("[data-testid='message-thinking'] summary")).getText();
        Matcher seconds = Pattern.compile("Thought for (\\d+(?:\\.\\d)?) s").matcher(summary);
        assertThat(seconds.matches()).as(summary).isTrue();
        // Three reasoning events, half a second apart, come before the first text: at least a second of thinking.
        assertThat(Double.parseDouble(seconds.group(1))).isGreaterThanOrEqualTo(1.0);

        // After a reload the page did not see the thinking happen: no figure rather than a wrong one.
        page.reload();
        WebElement restored = page.waitForAnswer("complete");
        assertThat(restored.findElement(By.cssSelector("[data-testid='message-thinking'] summary")).getText()).isEqualTo("Thought");
    }

    /**
     * Pictures of these details at 1280 and 375 px, saved as target/screenshot-details-*.png for a person to look at;
     * what it checks: each state it pictures is reached (the waits fail otherwise) and each picture was written.
     */
    @Test
    void shouldTakeScreenshotsOfTheDetails() throws Exception {
        fake.enqueue(answer("Yesterday's chat."));
        page.send("# Packing list for **Lisbon**");
        page.waitForAnswer("complete");
        age(page.waitForConversationUrl().substring("/c/".length()), Instant.now().minus(Duration.ofDays(1)));
        page.click("new-chat-button");
        fake.enqueue(Reply.stream(List.of(reasoningChunk("They pasted a long log. "), reasoningChunk("Look for the first error."),
                contentChunk("The first error is a **timeout** talking to the database.\n\n"),
                contentChunk("```\nERROR Timeout after 30000 ms\n```\n\nRaise the pool size or fix the slow query."),
                finishChunk("stop"), usageChunk(300, 40), "[DONE]")).pace(ms(300)));
        String log = "Why does this fail?\n" + "2026-12-01 20:00:00 INFO request handled in 12 ms\n".repeat(30);
        page.js("const box = arguments[0]; box.value = arguments[1]; box.dispatchEvent(new Event('input'));", page.composer(), log);
        page.click("send-button");
        page.waitForAnswer("complete");
        page.until(d -> page.findAll("conversation-group").size() == 2);
        openSettings();
        replace(page.find("temperature-input"), "5");
        page.composer().click();
        page.visible("temperature-error");
        try {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
            Files.write(Path.of("target", "screenshot-details-1280.png"), driver.getScreenshotAs(OutputType.BYTES));
            new Actions(driver).keyDown(Keys.CONTROL).sendKeys("/")
                    .keyUp(Keys.CONTROL).perform();
            page.visible("shortcuts-dialog");
            Files.write(Path.of("target", "screenshot-details-1280-shortcuts.png"), driver.getScreenshotAs(OutputType.BYTES));
            page.click("shortcuts-close");

            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 375, "height", 812, "deviceScaleFactor", 2, "mobile", true));
            page.reload();
            page.until(d -> page.messages().size() == 2);
            Files.write(Path.of("target", "screenshot-details-375.png"), driver.getScreenshotAs(OutputType.BYTES));
            page.click("sidebar-toggle");
            page.until(d -> ((Number) page.js("return document.getElementById('sidebar').getBoundingClientRect().left")).intValue() == 0);
            Files.write(Path.of("target", "screenshot-details-375-sidebar.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        for (String name : List.of("1280", "1280-shortcuts", "375", "375-sidebar")) {
            assertThat(Files.size(Path.of("target", "screenshot-details-" + name + ".png"))).as(name).isGreaterThan(10_000);
        }
    }
}
