package dev.synin.web;

import static dev.synin.web.ChatPageBrowserTest.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.Select;

import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Themes and accessibility: light and dark follow the system until this browser chooses one; axe-core (vendored in
 * src/test/resources/axe) finds no serious or critical violation, contrast included, on the chat page with a
 * conversation and the settings open, the rename dialog and the shortcut list, in either theme; on a phone every
 * control is at least 44 x 44 px.
 */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ChatPageAccessibilityBrowserTest extends ChatPageTest {

    private static final String DARK = "rgb(33, 33, 33)";
    private static final String WHITE = "rgb(255, 255, 255)";

    private void systemPrefers(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    private String background() {
        return (String) page.js("return getComputedStyle(document.body).backgroundColor");
    }

    private void openSettings() {
        if (!page.find("theme-select").isDisplayed()) {
            page.click("settings-toggle");
        }
        page.visible("theme-select");
    }

    private void choose(String theme) {
        openSettings();
        new Select(page.find("theme-select")).selectByValue(theme);
    }

    /** A conversation with the things answers contain: a list, a link, inline code, a highlighted code block. */
    private void showAConversation() {
        fake.enqueue(answer("Here is **the plan**:\n\n", "- read the [docs](https://example.org)\n- run `mvn`\n\n",
                "```java\nint answer = 42; // the answer\n```\n\nDone."));
        page.send("Make a plan");
        page.waitForAnswer("complete");
        page.until(d -> page.find("message-meta").isDisplayed());
    }

    @Test
    void shouldFollowTheSystemThemeUntilThisBrowserChoosesOne() {
        try {
            systemPrefers("light");
            page.reload();
            assertThat(background()).isEqualTo(WHITE);
            assertThat(page.js("return document.documentElement.dataset.theme || null")).isNull();
            systemPrefers("dark");
            page.until(d -> DARK.equals(background()));

            choose("light");
            page.until(d -> WHITE.equals(background()));
            page.reload();
            assertThat(background()).as("the choice is remembered").isEqualTo(WHITE);
            assertThat(new Select(page.find("theme-select")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("light");
            assertThat(page.js("return localStorage.getItem('synin.theme')")).isEqualTo("light");
            assertThat(page.js("return document.querySelector('meta[name=theme-color]').content")).isEqualTo("#ffffff");

            driver.get(base.resolve("/no/such/page").toString()); // no module script there: the choice applies before it
            page.visible("page-not-found");
            assertThat(background()).as("the chosen theme on the not-found page").isEqualTo(WHITE);
            page.open("/");

            choose("system");
            page.until(d -> DARK.equals(background()));
            systemPrefers("light");
            page.until(d -> WHITE.equals(background()));
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    @Test
    void shouldHaveNoSeriousAccessibilityViolationInEitherTheme() throws IOException {
        showAConversation();
        openSettings();
        for (String theme : List.of("dark", "light")) {
            choose(theme);
            page.until(d -> (theme.equals("light") ? WHITE : DARK).equals(background()));
            page.composer().click();
            assertThat(axe()).as("axe-core on the chat page, %s theme", theme).isEmpty();
            Files.write(Path.of("target", "screenshot-theme-" + theme + ".png"), driver.getScreenshotAs(OutputType.BYTES));

            page.click("conversation-menu");
            page.click("rename-button");
            page.visible("dialog-input");
            assertThat(axe()).as("axe-core on the rename dialog, %s theme", theme).isEmpty();
            page.click("dialog-cancel");

            page.composer().sendKeys(Keys.chord(Keys.CONTROL, "/"));
            page.visible("shortcuts-close");
            assertThat(axe()).as("axe-core on the shortcut list, %s theme", theme).isEmpty();
            page.click("shortcuts-close");
        }
    }

    @Test
    void shouldHaveNoSeriousAccessibilityViolationOnThePagesForWhatDoesNotExist() throws IOException {
        try {
            for (String scheme : List.of("dark", "light")) {
                systemPrefers(scheme);
                driver.get(base.resolve("/no/such/page").toString());
                page.visible("page-not-found");
                assertThat(background()).isEqualTo(scheme.equals("light") ? WHITE : DARK);
                assertThat(axe()).as("axe-core on the not-found page, %s", scheme).isEmpty();

                page.open("/c/00000000-0000-4000-8000-000000000000");
                page.visible("not-found-notice");
                assertThat(axe()).as("axe-core on an unknown conversation, %s", scheme).isEmpty();
            }
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    @Test
    void shouldGiveEveryControlAtLeast44PixelsOnAPhone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 2, "mobile", true));
        try {
            page.reload();
            showAConversation();
            assertThat(smallTargets()).as("controls of the chat page under 44 x 44 px").isEmpty();
            page.click("sidebar-toggle");
            page.until(d -> page.find("conversation-search").isDisplayed());
            assertThat(smallTargets()).as("controls of the conversation list under 44 x 44 px").isEmpty();
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** The visible controls smaller than 44 x 44 px (links inside answer text excepted, as WCAG allows). */
    @SuppressWarnings("unchecked")
    private List<String> smallTargets() {
        return (List<String>) page.js("""
                return [...document.querySelectorAll('button, summary, select, input, textarea, a[href]')]
                  .filter((e) => !e.closest('.markdown p, .markdown li, .skip-link') || e.matches('.code-block__copy'))
                  .filter((e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.right > 0 && r.left < innerWidth; })
                  .filter((e) => { const r = e.getBoundingClientRect(); return r.width < 43.5 || r.height < 43.5; })
                  .map((e) => `${e.tagName.toLowerCase()} ${e.dataset.testid || e.id || e.className || e.textContent.trim()} `
                    + `${Math.round(e.getBoundingClientRect().width)}x${Math.round(e.getBoundingClientRect().height)}`)""");
    }

    /** Runs axe-core on the page as it is: its serious and critical violations, one line each. */
    @SuppressWarnings("unchecked")
    private List<String> axe() throws IOException {
        if (!Boolean.TRUE.equals(page.js("return typeof axe === 'object'"))) {
            try (InputStream in = getClass().getResourceAsStream("/axe/axe.min.js")) {
                page.js(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return (List<String>) page.js("""
                return axe.run(document, {resultTypes: ['violations']}).then((r) => r.violations
                  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                  .map((v) => `${v.id} (${v.impact}): ${v.help} at ` + v.nodes.slice(0, 6)
                    .map((n) => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']' : ''))
                    .join('; ')))""");
    }
}
