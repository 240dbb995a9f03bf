package dev.synin.web;

import static dev.synin.testing.FakeLmStudio.contentChunk;
import static dev.synin.testing.FakeLmStudio.finishChunk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The conversation tree on the page: versions of answers and questions, Branch, Continue and Import. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ConversationTreeBrowserTest extends ChatPageTest {

    private String versionOf(WebElement message) {
        return message.findElement(ChatPage.testId("version-label")).getText();
    }

    private void waitForVersion(int index, String label) {
        page.until(d -> {
            List<WebElement> messages = page.messages();
            return messages.size() > index && label.equals(versionOf(messages.get(index)));
        });
    }

    @Test
    void shouldWalkThroughThreeVersionsOfAnAnswerAndKeepTheOneShownAfterAReload() {
        fake.enqueue(ChatPageBrowserTest.answer("Version one."));
        page.send("Name a colour");
        page.waitForAnswer("complete");
        for (String text : List.of("Version two.", "Version three.")) {
            fake.enqueue(ChatPageBrowserTest.answer(text));
            page.click("regenerate-button");
            page.waitForAnswerText(text);
            page.waitForAnswer("complete");
        }
        waitForVersion(1, "3/3");
        assertThat(page.answers()).hasSize(1);

        page.lastAnswer().findElement(ChatPage.testId("version-previous")).click();
        waitForVersion(1, "2/3");
        assertThat(page.lastAnswerText()).isEqualTo("Version two.");
        assertThat(page.focused()).as("the focus stays on the switcher").isEqualTo("version-previous");
        page.lastAnswer().findElement(ChatPage.testId("version-previous")).click();
        waitForVersion(1, "1/3");
        assertThat(page.lastAnswerText()).isEqualTo("Version one.");
        assertThat(page.lastAnswer().findElement(ChatPage.testId("version-previous")).isEnabled()).isFalse();

        page.reload();
        waitForVersion(1, "1/3");
        assertThat(page.lastAnswerText()).isEqualTo("Version one.");
        page.lastAnswer().findElement(ChatPage.testId("version-next")).click();
        waitForVersion(1, "2/3");
        page.lastAnswer().findElement(ChatPage.testId("version-next")).click();
        waitForVersion(1, "3/3");
        assertThat(page.lastAnswerText()).isEqualTo("Version three.");
    }

    @Test
    void shouldEditAnEarlyQuestionAndSwitchBackToTheOldBranchWithEverythingInIt() {
        fake.enqueue(ChatPageBrowserTest.answer("Paris."));
        page.send("Capital of France?");
        page.waitForAnswer("complete");
        fake.enqueue(ChatPageBrowserTest.answer("About 2 million."));
        page.send("Its population?");
        page.until(d -> page.messages().size() == 4);
        page.waitForAnswer("complete");

        new Actions(driver).moveToElement(page.messages().get(0)).perform();
        page.messages().get(0).findElement(ChatPage.testId("edit-button")).click();
        WebElement input = page.visible("edit-input");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Capital of Italy?");
        fake.enqueue(ChatPageBrowserTest.answer("Rome."));
        input.sendKeys(Keys.ENTER);
        page.waitForAnswerText("Rome.");
        page.waitForAnswer("complete");
        page.until(d -> page.messages().size() == 2);
        waitForVersion(0, "2/2");

        page.messages().get(0).findElement(ChatPage.testId("version-previous")).click();
        page.until(d -> page.messages().size() == 4);
        assertThat(page.messages().get(0).getText()).contains("Capital of France?");
        assertThat(page.messages().get(3).getText()).contains("About 2 million.");
        waitForVersion(0, "1/2");
    }

    @Test
    void shouldBranchIntoANewChatFromAnAnswer() {
        fake.enqueue(ChatPageBrowserTest.answer("One."));
        page.send("Count with me");
        page.waitForAnswer("complete");
        fake.enqueue(ChatPageBrowserTest.answer("Two."));
        page.send("Next");
        page.until(d -> page.messages().size() == 4);
        page.waitForAnswer("complete");
        String original = page.waitForConversationUrl();

        WebElement firstAnswer = page.messages().get(1);
        new Actions(driver).moveToElement(firstAnswer).perform();
        firstAnswer.findElement(ChatPage.testId("fork-button")).click();

        page.until(d -> page.path().startsWith("/c/") && !page.path().equals(original));
        page.until(d -> page.messages().size() == 2);
        assertThat(page.lastAnswerText()).isEqualTo("One.");
        assertThat(page.find("chat-title").getText()).isEqualTo("Count with me (branch)");
    }

    @Test
    void shouldContinueAnAnswerCutOffByMaxTokens() {
        fake.enqueue(Reply.stream(List.of(contentChunk("The first half"), finishChunk("length"), "[DONE]")));
        page.send("Write a long story");
        page.waitForAnswer("complete");
        assertThat(page.lastAnswer().findElement(ChatPage.testId("message-status")).getText()).contains("Cut off");

        fake.enqueue(Reply.stream(List.of(contentChunk(" and the second half."), finishChunk("stop"), "[DONE]")));
        page.click("continue-button");
        page.waitForAnswerText("second half");
        page.waitForAnswer("complete");
        assertThat(page.answers()).as("continued in place").hasSize(1);
        assertThat(page.lastAnswerText()).isEqualTo("The first half and the second half.");
        assertThat(page.lastAnswer().findElement(ChatPage.testId("message-status")).isDisplayed()).isFalse();
        page.reload();
        page.until(d -> page.answers().size() == 1);
        assertThat(page.lastAnswerText()).isEqualTo("The first half and the second half.");
    }

    @Test
    void shouldImportAChatGptExportFromTheSidebar() throws Exception {
        Path file = Files.createTempFile("conversations", ".json");
        Files.writeString(file, """
                [{"title": "Imported trip", "create_time": 1700000000, "current_node": "a2", "mapping": {
                  "u1": {"id": "u1", "parent": null, "children": ["a1", "a2"], "message": {"author": {"role": "user"},
                         "content": {"content_type": "text", "parts": ["Where to go?"]}}},
                  "a1": {"id": "a1", "parent": "u1", "children": [], "message": {"author": {"role": "assistant"},
                         "content": {"content_type": "text", "parts": ["Porto."]}}},
                  "a2": {"id": "a2", "parent": "u1", "children": [], "message": {"author": {"role": "assistant"},
                         "content": {"content_type": "text", "parts": ["Lisbon."]}}}}}]
                """);
        try {
            page.js("document.getElementById('import-file').hidden = false"); // a file chooser the driver can fill in
            page.find("import-file").sendKeys(file.toAbsolutePath().toString());
            page.until(d -> "Imported trip".equals(page.find("chat-title").getText()));
            page.until(d -> page.messages().size() == 2);
            assertThat(page.lastAnswerText()).isEqualTo("Lisbon.");
            waitForVersion(1, "2/2");
            assertThat(page.find("conversation-list").getText()).contains("Imported trip");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldRetryAFailedAnswerAsANewVersionWithoutTwoQuestionsInARow() {
        fake.requireAlternatingRoles();
        fake.enqueue(ChatPageBrowserTest.answer("Hello."));
        page.send("Hi");
        page.waitForAnswer("complete");
        fake.goOffline();
        page.send("Still there?");
        page.waitForAnswer("error");
        fake.comeBackOnline();

        fake.enqueue(ChatPageBrowserTest.answer("Yes, still here."));
        page.lastAnswer().findElement(ChatPage.testId("retry-button")).click();
        page.waitForAnswerText("Yes, still here.");
        page.waitForAnswer("complete");
        waitForVersion(3, "2/2");
        com.fasterxml.jackson.databind.JsonNode sent = fake.lastChatRequest().body().path("messages");
        assertThat(sent).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant", "user");

        page.lastAnswer().findElement(ChatPage.testId("version-previous")).click();
        waitForVersion(3, "1/2");
        assertThat(page.lastAnswer().getDomAttribute("data-status")).as("the failed answer is kept").isEqualTo("error");
    }

    @Test
    void shouldOpenTheVersionThatHoldsASearchHit() {
        fake.enqueue(ChatPageBrowserTest.answer("The capital is Lisbon."));
        page.send("Capital of Portugal?");
        page.waitForAnswer("complete");
        fake.enqueue(ChatPageBrowserTest.answer("Porto is the second city."));
        page.click("regenerate-button");
        page.waitForAnswerText("Porto");
        page.waitForAnswer("complete");
        page.click("new-chat-button");

        page.find("conversation-search").sendKeys("lisbon");
        page.until(d -> page.findAll("conversation-item").size() == 1
                && page.findAll("conversation-item").get(0).getDomAttribute("data-match-message-id") != null);
        page.findAll("conversation-item").get(0).click();
        page.until(d -> page.answers().size() == 1 && page.lastAnswerText().equals("The capital is Lisbon."));
        waitForVersion(1, "1/2");
    }
}
