package dev.synin.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat page as a test drives it: elements are found by their data-testid. */
final class ChatPage {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final WebDriver driver;
    private final URI base;
    private final WebDriverWait wait;

    ChatPage(WebDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
        // The sidebar and the chat log re-render as data arrives: an element read mid-render is read again.
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
        this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Loads a path and waits until the page has shown what the URL names. */
    ChatPage open(String path) {
        driver.get(base.resolve(path).toString());
        return ready();
    }

    ChatPage reload() {
        driver.navigate().refresh();
        return ready();
    }

    ChatPage ready() {
        wait.until(d -> "true".equals(js("return document.documentElement.dataset.ready")));
        return this;
    }

    /** Forgets the owner cookie and the remembered settings: the next page load is a new visitor. */
    void forgetVisitor() {
        driver.get(base.resolve("/").toString());
        js("localStorage.clear()");
        driver.manage().deleteAllCookies();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    WebElement find(String id) {
        return driver.findElement(testId(id));
    }

    List<WebElement> findAll(String id) {
        return driver.findElements(testId(id));
    }

    WebElement visible(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(testId(id))).click();
    }

    WebElement composer() {
        return find("composer-input");
    }

    void send(String text) {
        composer().sendKeys(text, Keys.ENTER);
    }

    List<WebElement> messages() {
        return findAll("message");
    }

    List<WebElement> answers() {
        return driver.findElements(By.cssSelector("[data-testid='message'][data-role='assistant']"));
    }

    WebElement lastAnswer() {
        List<WebElement> answers = until(d -> {
            List<WebElement> found = answers();
            return found.isEmpty() ? null : found;
        });
        return answers.get(answers.size() - 1);
    }

    String lastAnswerText() {
        return lastAnswer().findElement(testId("message-body")).getText();
    }

    /** Waits until the last answer has this status (complete, stopped, interrupted, error). */
    WebElement waitForAnswer(String status) {
        return until(d -> {
            List<WebElement> found = answers();
            WebElement last = found.isEmpty() ? null : found.get(found.size() - 1);
            return last != null && status.equals(last.getDomAttribute("data-status")) ? last : null;
        });
    }

    String waitForAnswerText(String contains) {
        return until(d -> {
            List<WebElement> found = answers();
            if (found.isEmpty()) {
                return null;
            }
            String text = found.get(found.size() - 1).findElement(testId("message-body")).getText();
            return text.contains(contains) ? text : null;
        });
    }

    /** The data-testid (or else the id) of the element that has the focus. */
    String focused() {
        return (String) js("const a = document.activeElement; return a ? (a.dataset.testid || a.id || a.tagName) : null");
    }

    /** Waits until the element with this data-testid has the focus. */
    void waitForFocus(String id) {
        until(d -> id.equals(focused()));
    }

    /** How far the chat log is scrolled up from its end, in pixels. */
    long distanceToEnd() {
        return ((Number) js("const s = document.getElementById('chat-scroll'); return Math.round(s.scrollHeight - s.scrollTop - s.clientHeight)")).longValue();
    }

    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    String waitForConversationUrl() {
        return until(d -> path().startsWith("/c/") ? path() : null);
    }
}
