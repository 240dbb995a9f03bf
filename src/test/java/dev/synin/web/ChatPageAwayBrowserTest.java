package dev.synin.web;

import static dev.synin.web.ChatPageBrowserTest.answer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.synin.testing.CuttableProxy;
import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Addresses that lead nowhere and a Synin that went away: a page of its own for an unknown address (the API keeps its
 * JSON), a plain notice for an unknown conversation, and "Synin is not reachable" until it is back.
 */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ChatPageAwayBrowserTest extends ChatPageTest {

    @Test
    void shouldAnswerAnUnknownPageWithAPageAndAnUnknownApiPathWithTheErrorShape() {
        given().accept("text/html,application/xhtml+xml,*/*;q=0.8").get("/no/such/page").then().statusCode(404)
                .contentType(startsWith("text/html")).header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("This page does not exist"), containsString("href=\"/\""));
        given().accept("text/html").get("/api/no-such-thing").then().statusCode(404)
                .contentType(startsWith("application/json")).body("error.code", org.hamcrest.Matchers.equalTo("not_found"));
        given().accept("application/json").get("/no/such/page").then().statusCode(404)
                .contentType(startsWith("application/json")).body("error.code", org.hamcrest.Matchers.equalTo("not_found"));

        driver.get(base.resolve("/no/such/page").toString());
        assertThat(page.visible("page-not-found").getText()).contains("This page does not exist");
        page.click("go-home");
        page.ready();
        assertThat(page.path()).isEqualTo("/");
        assertThat(page.find("composer-input").isDisplayed()).isTrue();
    }

    @Test
    void shouldSayThatAnUnknownConversationDoesNotExistWithoutAMessageBox() {
        page.open("/c/00000000-0000-4000-8000-000000000000");
        assertThat(page.visible("not-found-notice").getText()).contains("This conversation does not exist")
                .contains("belongs to the browser that started it");
        assertThat(page.find("composer-input").isDisplayed()).as("nothing can be sent to it").isFalse();
        assertThat(page.find("chat-title").getText()).isEqualTo("Conversation not found");
        page.until(d -> "Start a new chat".equals(page.js("return document.activeElement.textContent")));
    }

    @Test
    void shouldSaySyninIsNotReachableWhileItIsGoneAndRecoverByItself() {
        CuttableProxy network = new CuttableProxy("127.0.0.1", base.getPort()).start();
        try {
            ChatPage away = new ChatPage(driver, URI.create("http://127.0.0.1:" + network.port() + "/"));
            away.forgetVisitor();
            away.open("/");
            fake.enqueue(answer("First answer."));
            away.send("Hello");
            away.waitForAnswer("complete");
            away.until(d -> "LM Studio connected".equals(away.find("status-dot").getText()));

            network.cut();
            away.click("new-chat-button"); // any request now fails: the page says what it knows, and only that
            away.composer().sendKeys("Are you there?");
            away.click("send-button");
            away.until(d -> "Synin is not reachable — retrying.".equals(away.find("banner-title").getText()));
            assertThat(away.find("status-dot").getDomAttribute("data-status")).isEqualTo("down");
            assertThat(away.find("status-dot").getDomAttribute("aria-label")).isEqualTo("Synin not reachable");
            assertThat(away.find("banner").getText()).doesNotContain("LM Studio");
            assertThat(away.composer().getDomProperty("value")).as("the question is given back").isEqualTo("Are you there?");

            network.restore();
            away.until(d -> !away.find("banner").isDisplayed());
            away.until(d -> "up".equals(away.find("status-dot").getDomAttribute("data-status")));
            fake.enqueue(answer("Back again."));
            away.click("send-button");
            assertThat(away.waitForAnswerText("Back again.")).isEqualTo("Back again.");
        } finally {
            network.stop();
        }
    }
}
