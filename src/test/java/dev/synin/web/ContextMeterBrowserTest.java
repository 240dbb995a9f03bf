package dev.synin.web;

import static dev.synin.web.ChatPageBrowserTest.answer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The context meter under the message box counts the branch against the model's window and warns before it overflows. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ContextMeterBrowserTest extends ChatPageTest {

    @Test
    void shouldCountTheBranchAgainstTheModelsWindowAndWarnBeforeItOverflows() {
        fake.enqueue(answer("Hello there."));
        page.send("Hi");
        page.waitForAnswer("complete");

        // The fake counted 12 prompt tokens and 1 completion token; its qwen2.5-7b-instruct has 32,768.
        page.until(d -> page.find("context-meter").isDisplayed());
        assertThat(page.find("context-meter").getText()).startsWith("Context: about 13 of 32,768 tokens");
        assertThat(page.find("context-meter").getDomAttribute("data-level")).isEqualTo("ok");

        page.js("const box = document.getElementById('composer-input'); box.value = 'word '.repeat(30000);"
                + " box.dispatchEvent(new Event('input', { bubbles: true }));");
        page.until(d -> "over".equals(page.find("context-meter").getDomAttribute("data-level")));
        assertThat(page.find("context-meter").getText()).contains("will not fit").contains("(partly estimated)");
        assertThat(Integer.parseInt(page.find("context-meter").getDomAttribute("data-tokens"))).isGreaterThan(32_768);
    }
}
