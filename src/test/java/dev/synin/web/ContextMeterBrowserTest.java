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

    @Test
    void shouldSayHowLongThePromptHasBeenReadWhileNoTokenHasCome() {
        fake.enqueue(dev.synin.testing.Reply.stream(java.util.List.of(dev.synin.testing.FakeLmStudio.contentChunk("Done."),
                dev.synin.testing.FakeLmStudio.finishChunk("stop"), "[DONE]")).firstDelay(dev.synin.testing.FakeLmStudio.ms(1600)));
        page.send("A long prompt"); // the tests' first-token timeout is 2 s: wait less than that

        page.until(d -> String.valueOf(page.js("return document.querySelector('[data-testid=waiting-time]').textContent"))
                .matches("Reading your prompt\\u2026 1 s"));
        assertThat(page.find("waiting-time").isDisplayed()).isTrue();
        page.until(d -> !"streaming".equals(page.lastAnswer().getDomAttribute("data-status")));
        assertThat(page.lastAnswer().getDomAttribute("data-status")).as(page.lastAnswer().getText()).isEqualTo("complete");
        assertThat(page.lastAnswerText()).isEqualTo("Done.");
        assertThat(page.find("typing-indicator").isDisplayed()).isFalse();
    }

    @Test
    void shouldShowHowMuchOfThePromptLlamaServerHasRead() {
        fake.speak(dev.synin.testing.FakeServers.Dialect.LLAMA_CPP);
        page.reload();
        fake.enqueue(dev.synin.testing.Reply.stream(java.util.List.of(dev.synin.chat.PromptProgressTestChunks.progress(40, 100),
                dev.synin.chat.PromptProgressTestChunks.progress(100, 100), dev.synin.testing.FakeLmStudio.contentChunk("Read it."),
                dev.synin.testing.FakeLmStudio.finishChunk("stop"), "[DONE]")).pace(dev.synin.testing.FakeLmStudio.ms(600)));
        page.send("A long prompt");

        page.until(d -> String.valueOf(page.js("return document.querySelector('[data-testid=waiting-time]').textContent"))
                .startsWith("Reading your prompt\u2026 40%"));
        page.waitForAnswer("complete");
        assertThat(page.lastAnswerText()).isEqualTo("Read it.");
    }
}
