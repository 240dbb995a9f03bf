package dev.synin.web;

import static dev.synin.testing.FakeLmStudio.contentChunk;
import static dev.synin.testing.FakeLmStudio.finishChunk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Details under an answer shows its run card, with the server's own speed marked as such. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class RunCardBrowserTest extends ChatPageTest {

    /** llama-server's last chunk, with its {@code timings}. */
    private static String llamaTimingsChunk() throws Exception {
        ObjectNode chunk = (ObjectNode) new ObjectMapper().readTree(finishChunk("stop"));
        chunk.putObject("timings").put("prompt_n", 12).put("prompt_ms", 30.5).put("predicted_n", 2).put("predicted_ms", 48.0)
                .put("predicted_per_second", 41.63).put("cache_n", 20);
        return chunk.toString();
    }

    @Test
    void shouldShowTheRunCardOfAnAnswerOnDemand() throws Exception {
        fake.enqueue(Reply.stream(List.of(contentChunk("Hello"), contentChunk(" there."), llamaTimingsChunk(), "[DONE]")));
        page.send("Hi");
        WebElement answer = page.waitForAnswer("complete");
        WebElement button = page.until(d -> {
            WebElement found = page.lastAnswer().findElement(ChatPage.testId("run-card-button"));
            return found.isDisplayed() ? found : null; // once the page has the stored answer
        });
        WebElement card = page.lastAnswer().findElement(ChatPage.testId("run-card"));
        assertThat(card.isDisplayed()).as("shown only on demand").isFalse();

        button.click();
        page.until(d -> card.isDisplayed());
        assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");
        String text = card.getText();
        assertThat(text).contains("Model", "qwen2.5-7b-instruct", "Time to first token", "Stop reason", "Finished (stop)");
        assertThat(text).contains("Generation speed").contains("41.6 tokens/s (server)");
        assertThat(text).contains("Prompt tokens\n32").contains("Cached prompt tokens\n20").contains("Chunks received\n2");
        assertThat(answer.getText()).contains("Hello there.");

        button.click();
        page.until(d -> !card.isDisplayed());
    }
}
