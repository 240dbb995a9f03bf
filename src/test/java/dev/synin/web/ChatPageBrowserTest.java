package dev.synin.web;

import static dev.synin.testing.FakeLmStudio.contentChunk;
import static dev.synin.testing.FakeLmStudio.finishChunk;
import static dev.synin.testing.FakeLmStudio.ms;
import static dev.synin.testing.FakeLmStudio.numberedAnswer;
import static dev.synin.testing.FakeLmStudio.reasoningChunk;
import static dev.synin.testing.FakeLmStudio.usageChunk;
import static dev.synin.web.ChatPage.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The chat page in a real (headless) chromium against Synin and the fake LM Studio. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ChatPageBrowserTest extends ChatPageTest {

    /** A wider window than the other page tests: this class also takes the README's screenshot. */
    @BeforeAll
    static void startBrowser() {
        driver = Chromium.start(1440, 900);
    }

    /** A streamed answer made of these content chunks, then stop, usage and [DONE]. */
    static Reply.Stream answer(String... chunks) {
        List<String> events = new ArrayList<>();
        for (String chunk : chunks) {
            events.add(contentChunk(chunk));
        }
        events.add(finishChunk("stop"));
        events.add(usageChunk(12, chunks.length));
        events.add("[DONE]");
        return Reply.stream(events);
    }

    @Test
    void shouldShowTheTokensAsTheyArrive() {
        fake.enqueue(Reply.stream(numberedAnswer(40)).firstDelay(ms(700)).pace(ms(60)));

        assertThat(page.composer().equals(driver.switchTo().activeElement())).as("focus starts in the composer").isTrue();
        page.send("Count for me");

        page.visible("typing-indicator");
        page.visible("stop-button");
        String early = page.waitForAnswerText("t3 ");
        assertThat(early).doesNotContain("t39");
        String later = page.waitForAnswerText("t20 ");
        assertThat(later.length()).isGreaterThan(early.length());
        assertThat(page.lastAnswer().getDomAttribute("data-status")).isEqualTo("streaming");

        WebElement done = page.waitForAnswer("complete");
        assertThat(done.findElement(testId("message-body")).getText()).contains("t0 t1 t2").contains("t39");
        assertThat(page.find("typing-indicator").isDisplayed()).isFalse();
        String meta = page.until(d -> {
            String text = done.findElement(testId("message-meta")).getText();
            return text.contains("tok/s") ? text : null;
        });
        assertThat(meta).contains("qwen2.5-7b-instruct").contains("40 tokens").contains("TTFT");
        assertThat(page.waitForConversationUrl()).matches("/c/[0-9a-f-]{36}");
        assertThat(page.find("send-button").isDisplayed()).isTrue();
        assertThat(page.messages()).hasSize(2);
        assertThat(page.messages().get(0).getText()).contains("Count for me");
    }

    @Test
    void shouldStopTheAnswerAndKeepWhatWasWritten() {
        fake.enqueue(Reply.stream(numberedAnswer(400)).pace(ms(40)));

        page.send("Write a lot");
        page.waitForAnswerText("t5 ");
        page.click("stop-button");

        WebElement stopped = page.waitForAnswer("stopped");
        assertThat(stopped.findElement(testId("message-status")).getText()).isEqualTo("Stopped");
        assertThat(stopped.findElement(testId("message-body")).getText()).contains("t5").doesNotContain("t399");
        page.visible("send-button");

        page.reload();
        WebElement restored = page.waitForAnswer("stopped");
        assertThat(restored.findElement(testId("message-body")).getText()).contains("t5");
    }

    @Test
    void shouldRestoreTheConversationAfterAReload() {
        fake.enqueue(answer("Paris ", "is the capital."));
        page.send("Capital of France?");
        page.waitForAnswer("complete");
        String url = page.waitForConversationUrl();

        page.reload();

        assertThat(page.path()).isEqualTo(url);
        page.until(d -> page.messages().size() == 2);
        assertThat(page.messages().get(0).getText()).contains("Capital of France?");
        assertThat(page.lastAnswerText()).isEqualTo("Paris is the capital.");
        assertThat(page.find("conversation-item").getDomAttribute("aria-current")).isEqualTo("page");
    }

    @Test
    void shouldContinueAnAnswerAfterAReloadToItsEnd() {
        fake.enqueue(Reply.stream(numberedAnswer(120)).pace(ms(30)));
        page.send("Tell me everything");
        page.waitForAnswerText("t3 ");
        page.waitForConversationUrl();

        page.reload();

        // The answer goes on on the server; the reloaded page follows it to the end, all of it, once.
        WebElement answer = page.waitForAnswer("complete");
        assertThat(answer.findElement(testId("message-body")).getText()).isEqualTo(numberedText(120));
        assertThat(fake.chatRequests()).hasSize(1);
        assertThat(fake.hangUps()).isZero();
    }

    static String numberedText(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "t" + i).collect(java.util.stream.Collectors.joining(" "));
    }

    @Test
    void shouldFollowAnAnswerThatIsStillBeingWrittenElsewhere() {
        // Another tab of the same visitor asks; this page opens the conversation mid-answer.
        fake.enqueue(Reply.stream(numberedAnswer(60)).pace(ms(50)));
        String cookie = "synin_owner=" + driver.manage().getCookieNamed("synin_owner").getValue();
        try (SseClient otherTab = SseClient.post(base.resolve("/api/chat/stream"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Count slowly\"}]}", cookie)) {
            String id = otherTab.await("start", ChatPage.WAIT).data().path("conversationId").asText();
            await("a few deltas").atMost(ChatPage.WAIT).until(() -> otherTab.named("delta").size() >= 3);

            page.open("/c/" + id);

            assertThat(page.lastAnswer().getDomAttribute("data-status")).isEqualTo("streaming");
            page.visible("stop-button");
            String early = page.lastAnswerText();
            String later = page.waitForAnswerText("t30 ");
            assertThat(later.length()).isGreaterThan(early.length());
            assertThat(page.waitForAnswer("complete").findElement(testId("message-body")).getText()).contains("t59");
            page.visible("send-button");
        }
    }

    @Test
    void shouldStartANewChatFromTheButtonAndTheShortcut() {
        fake.enqueue(answer("First ", "answer."));
        page.send("First question");
        page.waitForAnswer("complete");
        String first = page.waitForConversationUrl();

        page.click("new-chat-button");

        page.until(d -> page.path().equals("/"));
        assertThat(page.messages()).isEmpty();
        assertThat(page.find("empty-state").isDisplayed()).isTrue();
        assertThat(page.find("chat-title").getText()).isEqualTo("New chat");
        assertThat(page.composer().equals(driver.switchTo().activeElement())).isTrue();

        fake.enqueue(answer("Second ", "answer."));
        page.send("Second question");
        page.waitForAnswer("complete");
        assertThat(page.waitForConversationUrl()).isNotEqualTo(first);
        page.until(d -> page.findAll("conversation-item").size() == 2);

        new Actions(driver).keyDown(Keys.CONTROL).keyDown(Keys.SHIFT).sendKeys("o")
                .keyUp(Keys.SHIFT).keyUp(Keys.CONTROL).perform();
        page.until(d -> page.path().equals("/") && page.messages().isEmpty());

        driver.findElement(By.cssSelector("[data-testid='conversation-item'][href='" + first + "']")).click();
        page.until(d -> page.path().equals(first));
        assertThat(page.waitForAnswerText("First answer.")).isEqualTo("First answer.");
    }

    @Test
    void shouldSendTheSettingsUpstreamAndRememberThemForNewChats() {
        page.click("settings-toggle");
        Select model = new Select(page.visible("model-select"));
        page.until(d -> model.getOptions().stream().anyMatch(o -> o.getDomAttribute("value").equals("deepseek-r1-distill-qwen-7b")));
        assertThat(model.getOptions()).extracting(WebElement::getText)
                .contains("● qwen2.5-7b-instruct")
                .noneMatch(label -> label.contains("embed"));
        model.selectByValue("deepseek-r1-distill-qwen-7b");
        replace(page.find("temperature-input"), "0.3");
        replace(page.find("max-tokens-input"), "123");
        replace(page.find("system-prompt-input"), "Answer like a pirate.");
        page.composer().click();

        fake.enqueue(answer("Arr."));
        page.send("Hello");
        page.waitForAnswer("complete");

        JsonNode sent = fake.lastChatRequest().body();
        assertThat(sent.path("model").asText()).isEqualTo("deepseek-r1-distill-qwen-7b");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(123);
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("Answer like a pirate.");

        // Changing a setting of this chat is saved on it, and used for the next message.
        replace(page.find("temperature-input"), "1.1");
        page.composer().click();
        page.until(d -> page.find("settings-saved").getText().equals("Saved."));
        page.reload();
        assertThat(page.find("temperature-input").getDomProperty("value")).isEqualTo("1.1");
        fake.enqueue(answer("Yo ho."));
        page.send("Again");
        page.until(d -> page.answers().size() == 2 && "complete".equals(page.lastAnswer().getDomAttribute("data-status")));
        assertThat(fake.lastChatRequest().body().path("temperature").asDouble()).isEqualTo(1.1);

        // A new chat starts from the last settings used.
        page.click("new-chat-button");
        assertThat(page.find("temperature-input").getDomProperty("value")).isEqualTo("1.1");
        assertThat(page.find("max-tokens-input").getDomProperty("value")).isEqualTo("123");
        assertThat(page.find("system-prompt-input").getDomProperty("value")).isEqualTo("Answer like a pirate.");
    }

    @Test
    void shouldExplainThatLmStudioIsOfflineAndRetry() {
        fake.goOffline();
        page.reload();

        String banner = page.until(d -> {
            String text = page.visible("banner").getText();
            return text.contains(fake.baseUrl()) ? text : null;
        });
        assertThat(banner).contains("LM Studio is offline").contains("lms server start");
        page.until(d -> "down".equals(page.find("status-dot").getDomAttribute("data-status")));

        // The server keeps the question and stores the failed answer: nothing typed is lost.
        page.send("Are you there?");
        WebElement failed = page.waitForAnswer("error");
        assertThat(failed.findElement(testId("message-status")).getText()).contains(fake.baseUrl());
        assertThat(page.visible("banner").getText()).contains("LM Studio is offline").contains(fake.baseUrl());
        assertThat(page.messages().get(0).getText()).contains("Are you there?");

        fake.comeBackOnline();
        breakers.resetAll(); // as if LM Studio came back after the breakers' delay
        fake.enqueue(answer("Yes, ", "I am."));
        page.click("banner-retry");

        assertThat(page.waitForAnswerText("Yes, I am.")).isEqualTo("Yes, I am.");
        page.waitForAnswer("complete");
        assertThat(page.messages()).hasSize(2);
        assertThat(page.find("banner").isDisplayed()).isFalse();
        page.until(d -> "up".equals(page.find("status-dot").getDomAttribute("data-status")));
    }

    @Test
    void shouldSayWhenLmStudioTimesOutAndRetry() {
        fake.enqueue(Reply.silence());
        page.send("Hello?");

        page.waitForAnswer("error");
        assertThat(page.visible("banner").getText()).contains("LM Studio did not answer in time.");
        fake.enqueue(answer("Sorry, ", "I was loading."));
        page.click("banner-retry");
        assertThat(page.waitForAnswerText("Sorry, I was loading.")).isEqualTo("Sorry, I was loading.");
        page.waitForAnswer("complete");
        assertThat(page.messages()).hasSize(2);
    }

    @Test
    void shouldGiveTheTypedMessageBackWhenTheServerRefusesIt() {
        page.js("const box = arguments[0]; box.value = 'x'.repeat(200001); box.dispatchEvent(new Event('input'));",
                page.composer());
        page.click("send-button");

        assertThat(page.visible("banner").getText()).contains("refused").contains("at most 200000");
        page.until(d -> String.valueOf(page.composer().getDomProperty("value")).length() == 200001);
        assertThat(page.messages()).isEmpty();
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void shouldRenderMarkdownAndHighlightCode() {
        fake.enqueue(answer("# Plan\n\nUse **bold** and `inline` code:\n\n", "```java\npublic class Hello {\n",
                "    int answer = 42;\n}\n```\n\n- one\n- two\n\nSee [the docs](https://example.org/docs)."));
        page.send("Show me code");
        WebElement answer = page.waitForAnswer("complete");

        assertThat(answer.findElement(By.cssSelector(".markdown h1")).getText()).isEqualTo("Plan");
        assertThat(answer.findElement(By.cssSelector(".markdown strong")).getText()).isEqualTo("bold");
        assertThat(answer.findElements(By.cssSelector(".markdown li"))).hasSize(2);
        WebElement code = answer.findElement(By.cssSelector("[data-testid='code-block'] pre code.hljs"));
        assertThat(code.getText()).contains("public class Hello");
        assertThat(code.findElements(By.cssSelector("span.hljs-keyword"))).isNotEmpty();
        assertThat(answer.findElement(By.cssSelector(".code-block__language")).getText()).isEqualTo("java");
        WebElement link = answer.findElement(By.linkText("the docs"));
        assertThat(link.getDomAttribute("target")).isEqualTo("_blank");
        assertThat(link.getDomAttribute("rel")).isEqualTo("noopener noreferrer");

        WebElement copy = answer.findElement(testId("code-copy-button"));
        copy.click();
        page.until(d -> copy.getText().equals("Copied"));
    }

    @Test
    void shouldRenderHostileModelOutputInert() {
        fake.enqueue(answer("<script>window.__pwned = 'script'</script>\n\n",
                "<img src=x onerror=\"window.__pwned = 'img'\">\n\n",
                "[click me](javascript:window.__pwned='link') and <a href=\"javascript:window.__pwned='a'\">this</a>\n\n",
                "![secret](http://127.0.0.1:9/leak.png?data=secret)\n\n",
                "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe> <svg onload=\"window.__pwned='svg'\"></svg>"));
        page.send("Say something nasty");
        WebElement answer = page.waitForAnswer("complete");

        for (WebElement link : answer.findElements(By.tagName("a"))) {
            link.click(); // links that went through the sanitiser do nothing harmful when followed
        }
        WebElement body = answer.findElement(testId("message-body"));
        assertThat(page.js("return window.__pwned")).isNull();
        assertThat(body.findElements(By.cssSelector("script, iframe, svg, [onerror], [onload], a[href^='javascript']"))).isEmpty();
        assertThat(body.findElements(By.cssSelector("img"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("img[src^='http']"))).isEmpty();
        assertThat(body.getText()).contains("<script>window.__pwned = 'script'</script>");
        WebElement placeholder = body.findElement(testId("remote-image"));
        assertThat(placeholder.getText()).contains("secret").contains("127.0.0.1:9");
        assertThat(placeholder.getDomAttribute("rel")).isEqualTo("noopener noreferrer");
        assertThat((Long) page.js("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('leak.png')).length")).isZero();
    }

    @Test
    void shouldRegenerateTheLastAnswerAndResendAnEditedMessage() {
        fake.enqueue(answer("Blue."));
        page.send("Favourite colour?");
        page.waitForAnswer("complete");

        fake.enqueue(answer("Green."));
        page.click("regenerate-button");
        assertThat(page.waitForAnswerText("Green.")).isEqualTo("Green.");
        page.waitForAnswer("complete");
        assertThat(page.answers()).hasSize(1);

        new Actions(driver).moveToElement(page.messages().get(0)).perform();
        page.click("edit-button");
        WebElement input = page.visible("edit-input");
        replace(input, "Favourite animal?");
        fake.enqueue(answer("Cats."));
        input.sendKeys(Keys.ENTER);

        assertThat(page.waitForAnswerText("Cats.")).isEqualTo("Cats.");
        page.waitForAnswer("complete");
        assertThat(page.messages()).hasSize(2);
        assertThat(page.messages().get(0).getText()).contains("Favourite animal?");
        JsonNode sent = fake.lastChatRequest().body().path("messages");
        assertThat(sent.get(sent.size() - 1).path("content").asText()).isEqualTo("Favourite animal?");
        page.reload();
        page.until(d -> page.messages().size() == 2);
        assertThat(page.lastAnswerText()).isEqualTo("Cats.");
    }

    @Test
    void shouldFitAPhoneScreen() throws Exception {
        fake.enqueue(answer("A long line: ", "x".repeat(300), "\n\n```\n" + "y".repeat(300) + "\n```\n"));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 2, "mobile", true));
        try {
            page.reload();
            assertThat((Long) page.js("return window.innerWidth")).isEqualTo(375L);
            page.send("Hi");
            page.waitForAnswer("complete");
            Long overflow = (Long) page.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).isLessThanOrEqualTo(0L);
            page.until(d -> page.find("message-meta").getText().contains("TTFT"));
            assertThat((Long) page.js("return document.querySelectorAll('.message__meta-part').length")).as("the stats in parts")
                    .isGreaterThanOrEqualTo(3L);
            assertThat(page.js("return [...document.querySelectorAll('.message__meta-part')].filter(p => p.getClientRects().length > 1)"
                    + ".map(p => p.textContent)"))
                    .as("no stat broken over two lines").isEqualTo(List.of());
            assertThat(page.js("const f = document.querySelector('.message--assistant .message__footer');"
                    + " return f.scrollWidth <= f.clientWidth && f.getBoundingClientRect().right <= innerWidth"))
                    .as("the meta line, times and buttons fit the width").isEqualTo(true);
            assertThat(page.find("sidebar").isDisplayed()).isFalse();
            Files.write(Path.of("target", "screenshot-375.png"), driver.getScreenshotAs(OutputType.BYTES));
            page.click("sidebar-toggle");
            page.until(d -> page.find("conversation-search").isDisplayed());
            Files.write(Path.of("target", "screenshot-375-sidebar.png"), driver.getScreenshotAs(OutputType.BYTES));
            new Actions(driver).moveToLocation(360, 400).click().perform(); // a tap beside the drawer closes it
            page.until(d -> !page.find("conversation-search").isDisplayed());
            page.click("settings-toggle");
            page.until(d -> page.find("model-select").isDisplayed());
            new Actions(driver).sendKeys(Keys.ESCAPE).perform();
            page.until(d -> !page.find("model-select").isDisplayed());
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void shouldRenameSearchExportClearAndDeleteAConversation() {
        fake.enqueue(answer("Bananas are berries."));
        page.send("Tell me a fruit fact");
        page.waitForAnswer("complete");
        String url = page.waitForConversationUrl();
        String id = url.substring("/c/".length());
        fake.enqueue(answer("Use a sharp knife."));
        page.click("new-chat-button");
        page.send("How to cut onions?");
        page.waitForAnswer("complete");
        page.until(d -> page.findAll("conversation-item").size() == 2);

        page.find("conversation-search").sendKeys("berries");
        page.until(d -> page.findAll("conversation-item").size() == 1);
        page.find("conversation-item").click();
        page.until(d -> page.path().equals(url));

        page.click("conversation-menu");
        page.click("rename-button");
        WebElement title = page.visible("dialog-input");
        replace(title, "Fruit facts");
        page.click("dialog-ok");
        page.until(d -> page.find("chat-title").getText().equals("Fruit facts"));
        page.until(d -> page.find("conversation-item").getText().equals("Fruit facts"));

        page.click("conversation-menu");
        assertThat(page.visible("export-markdown").getDomAttribute("href")).isEqualTo("/api/conversations/" + id + "/export?format=markdown");
        assertThat(page.find("export-json").getDomAttribute("href")).isEqualTo("/api/conversations/" + id + "/export?format=json");
        page.click("conversation-menu");

        page.click("conversation-menu");
        page.click("clear-chat-button");
        page.click("dialog-ok");
        page.until(d -> page.messages().isEmpty());
        assertThat(page.find("chat-title").getText()).isEqualTo("Fruit facts");

        page.click("conversation-menu");
        page.click("delete-button");
        assertThat(page.visible("dialog").getText()).contains("Fruit facts");
        page.click("dialog-cancel");
        page.until(d -> !page.find("dialog").isDisplayed());
        assertThat(page.path()).isEqualTo(url);
        page.click("conversation-menu");
        page.click("delete-button");
        page.click("dialog-ok");
        page.until(d -> page.path().equals("/"));
        page.find("conversation-search").clear();
        page.find("conversation-search").sendKeys(Keys.SPACE, Keys.BACK_SPACE);
        page.until(d -> page.findAll("conversation-item").size() == 1);

        page.open(url);
        assertThat(page.visible("not-found-notice").getText()).contains("does not exist");
        page.find("not-found-notice").findElement(By.tagName("button")).click();
        page.until(d -> page.path().equals("/") && !page.find("not-found-notice").isDisplayed());
    }

    @Test
    void shouldShowTheReasoningInACollapsibleThinkingBlock() {
        fake.enqueue(Reply.stream(List.of(reasoningChunk("The user greets me. "), reasoningChunk("I should greet back."),
                contentChunk("Hello!"), finishChunk("stop"), usageChunk(5, 9), "[DONE]")).pace(ms(30)));
        page.send("Hi");
        WebElement answer = page.waitForAnswer("complete");

        WebElement thinking = answer.findElement(testId("message-thinking"));
        assertThat(thinking.isDisplayed()).isTrue();
        assertThat(thinking.getDomProperty("open")).isEqualTo("false");
        thinking.findElement(By.tagName("summary")).click();
        page.until(d -> thinking.getText().contains("The user greets me. I should greet back."));
        assertThat(answer.findElement(testId("message-body")).getText()).isEqualTo("Hello!");
    }

    /** The picture for the README, saved as target/screenshot.png: the states it shows are waited for, the file checked. */
    @Test
    void shouldTakeAScreenshotOfAConversation() throws Exception {
        fake.enqueue(answer("Pasta."));
        page.send("What should I cook tonight?");
        page.waitForAnswer("complete");
        page.click("new-chat-button");
        fake.enqueue(answer("Sure."));
        page.send("Explain SSE in one paragraph");
        page.waitForAnswer("complete");
        page.click("new-chat-button");

        fake.enqueue(Reply.stream(List.of(
                reasoningChunk("They want idiomatic, modern Java. Files.lines is lazy and closes with try-with-resources."),
                contentChunk("Use `Files.lines`: it reads **lazily**, so even a large file is fine.\n\n"),
                contentChunk("```java\nimport java.nio.file.*;\n\npublic class CountErrors {\n"),
                contentChunk("    public static void main(String[] args) throws Exception {\n"),
                contentChunk("        try (var lines = Files.lines(Path.of(args[0]))) {\n"),
                contentChunk("            long errors = lines.filter(l -> l.contains(\"ERROR\")).count();\n"),
                contentChunk("            System.out.println(errors + \" errors\");\n        }\n    }\n}\n```\n\n"),
                contentChunk("- The `try` block closes the file for you.\n- Pass a `Charset` if the file is not UTF-8."),
                finishChunk("stop"), usageChunk(48, 131), "[DONE]")).pace(ms(10)));
        page.send("How do I count the lines containing ERROR in a log file, in Java?");
        page.waitForAnswer("complete");
        page.until(d -> page.find("message-meta").isDisplayed());
        page.click("settings-toggle");
        page.visible("model-select");
        page.composer().click();
        page.until(d -> page.findAll("conversation-item").size() == 3);

        // The window includes the browser's frame: make the page itself 1440x900 for the picture.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1440, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        Path shot = Path.of("target", "screenshot.png");
        Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        assertThat(shot).isNotEmptyFile();
    }

    static void replace(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }
}
