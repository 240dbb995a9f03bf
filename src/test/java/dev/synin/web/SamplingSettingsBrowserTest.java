package dev.synin.web;

import static dev.synin.web.ChatPageBrowserTest.answer;
import static dev.synin.web.ChatPageBrowserTest.replace;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** More sampling settings in the settings panel: sent when set, kept by the chat, refused next to the field. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class SamplingSettingsBrowserTest extends ChatPageTest {

    @Test
    void shouldSendTheSamplingSettingsSetAndKeepThemWithTheChat() {
        page.click("settings-toggle");
        page.visible("sampling-fields").click(); // opens "More sampling settings"
        replace(page.visible("top-k-input"), "40");
        replace(page.find("seed-input"), "7");
        replace(page.find("stop-input"), "###\\n\\nUser:");
        page.composer().click();

        fake.enqueue(answer("Fine."));
        page.send("Hello");
        page.waitForAnswer("complete");
        JsonNode sent = fake.lastChatRequest().body();
        assertThat(sent.path("top_k").asInt()).isEqualTo(40);
        assertThat(sent.path("seed").asLong()).isEqualTo(7);
        assertThat(sent.path("stop").get(0).asText()).isEqualTo("###\n\nUser:");
        assertThat(sent.has("top_p")).as("an empty field is not sent").isFalse();

        page.reload();
        page.until(d -> "40".equals(page.find("top-k-input").getDomProperty("value")));
        assertThat(page.find("stop-input").getDomProperty("value")).isEqualTo("###\\n\\nUser:");

        if (!page.find("top-p-input").isDisplayed()) {
            page.click("settings-toggle"); // the panel may have stayed open across the reload (wide window)
        }
        replace(page.visible("top-p-input"), "3");
        page.composer().click();
        page.until(d -> page.find("sampling-error").isDisplayed());
        assertThat(page.find("sampling-error").getText()).contains("Top P must be a number from 0 to 1");
        fake.enqueue(answer("Again."));
        page.send("Again");
        page.until(d -> page.answers().size() == 2 && "complete".equals(page.lastAnswer().getDomAttribute("data-status")));
        assertThat(fake.lastChatRequest().body().has("top_p")).as("a refused value is not sent").isFalse();
        assertThat(fake.lastChatRequest().body().path("top_k").asInt()).isEqualTo(40);
    }
}
