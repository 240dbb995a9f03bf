package dev.synin.web;

import static dev.synin.testing.FakeLmStudio.ms;
import static dev.synin.testing.FakeLmStudio.numberedAnswer;
import static dev.synin.web.ChatPage.testId;
import static dev.synin.web.ChatPageBrowserTest.answer;
import static dev.synin.web.ChatPageBrowserTest.replace;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The chat page from the keyboard: safe default buttons, shortcuts, and where the focus goes after each action. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ChatPageKeyboardBrowserTest extends ChatPageTest {

    private String chatWithOneAnswer() {
        fake.enqueue(answer("Bananas are berries."));
        page.send("Tell me a fruit fact");
        page.waitForAnswer("complete");
        return page.waitForConversationUrl();
    }

    private void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    @Test
    void shouldSaveTheNameWithEnterAndStartTheDeleteDialogOnCancel() {
        String url = chatWithOneAnswer();

        page.click("conversation-menu");
        page.click("rename-button");
        WebElement title = page.visible("dialog-input");
        replace(title, "Fruit facts");
        title.sendKeys(Keys.ENTER);
        page.until(d -> page.find("chat-title").getText().equals("Fruit facts"));
        page.until(d -> !page.find("dialog").isDisplayed());
        page.until(d -> page.find("conversation-item").getText().equals("Fruit facts"));
        page.waitForFocus("conversation-menu");

        page.click("conversation-menu");
        page.click("delete-button");
        page.visible("dialog");
        page.waitForFocus("dialog-cancel");
        press(Keys.ENTER);
        page.until(d -> !page.find("dialog").isDisplayed());
        page.waitForFocus("conversation-menu");
        assertThat(page.path()).isEqualTo(url);
        page.reload();
        assertThat(page.findAll("conversation-item")).hasSize(1);
        assertThat(page.messages()).hasSize(2);
    }

    @Test
    void shouldGiveTheFocusBackAfterRegenerateEditEscapeAndSettings() {
        chatWithOneAnswer();

        fake.enqueue(answer("Tomatoes are fruit."));
        page.click("regenerate-button");
        page.waitForFocus("composer-input");
        page.waitForAnswerText("Tomatoes are fruit.");
        page.waitForAnswer("complete");

        new Actions(driver).moveToElement(page.messages().get(0)).perform();
        page.click("edit-button");
        WebElement input = page.visible("edit-input");
        replace(input, "Tell me a vegetable fact");
        fake.enqueue(answer("Rhubarb is a vegetable."));
        input.sendKeys(Keys.ENTER);
        page.waitForFocus("composer-input");
        page.waitForAnswerText("Rhubarb is a vegetable.");
        page.waitForAnswer("complete");

        page.click("conversation-menu");
        page.visible("rename-button");
        press(Keys.ESCAPE);
        page.until(d -> !page.find("rename-button").isDisplayed());
        page.waitForFocus("conversation-menu");

        page.click("settings-toggle");
        page.visible("model-select");
        driver.findElement(By.cssSelector("#settings [aria-label='Close settings']")).click();
        page.until(d -> !page.find("model-select").isDisplayed());
        page.waitForFocus("settings-toggle");
    }

    @Test
    void shouldStopWithEscapeAndEditTheLastQuestionWithUp() {
        fake.enqueue(Reply.stream(numberedAnswer(400)).pace(ms(40)));
        page.send("Write a lot");
        page.waitForAnswerText("t5 ");

        page.composer().sendKeys(Keys.ESCAPE);

        WebElement stopped = page.waitForAnswer("stopped");
        assertThat(stopped.findElement(testId("message-body")).getText()).doesNotContain("t399");
        page.visible("send-button");

        // Up in the empty message box opens the last question for editing; Escape gives the message box back.
        page.until(d -> page.messages().get(0).getDomAttribute("data-message-id") != null);
        page.composer().sendKeys(Keys.ARROW_UP);
        WebElement edit = page.visible("edit-input");
        assertThat(edit.getDomProperty("value")).isEqualTo("Write a lot");
        page.waitForFocus("edit-input");
        edit.sendKeys(Keys.ESCAPE);
        page.until(d -> page.findAll("edit-input").isEmpty());
        page.waitForFocus("composer-input");
        assertThat(page.waitForAnswer("stopped")).isNotNull(); // Escape in the edit box closed it, and stopped nothing
    }

    @Test
    void shouldListTheShortcutsWithCtrlSlash() {
        page.composer().click();
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys("/").keyUp(Keys.CONTROL).perform();

        WebElement list = page.visible("shortcuts-dialog");
        assertThat(list.getText()).contains("Keyboard shortcuts").contains("Esc").contains("Stop the answer")
                .contains("Edit your last question").contains("New chat").contains("Shift");
        page.waitForFocus("shortcuts-close");
        press(Keys.ESCAPE);
        page.until(d -> !page.find("shortcuts-dialog").isDisplayed());
        page.waitForFocus("composer-input");
    }
}
