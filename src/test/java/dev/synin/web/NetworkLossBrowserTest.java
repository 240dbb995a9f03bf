package dev.synin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import dev.synin.testing.CuttableProxy;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The network drops in the middle of an answer (the browser reaches Synin through a TCP proxy the test cuts):
 * the page says the connection was lost and marks the answer interrupted; after Reload it shows what Synin stored.
 */
@QuarkusTest
@QuarkusTestResource(FakeLmStudioResource.class)
class NetworkLossBrowserTest extends SingleBrowserTest {

    @Test
    void shouldSayTheConnectionWasLostAndShowTheStoredPartAfterReload() {
        fake.reset();
        CuttableProxy network = new CuttableProxy("127.0.0.1", base.getPort()).start();
        try {
            ChatPage page = new ChatPage(driver, URI.create("http://127.0.0.1:" + network.port() + "/"));
            page.forgetVisitor();
            page.open("/");
            fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(300)).pace(FakeLmStudio.ms(50)));
            page.send("Tell me a long story");
            page.until(d -> page.lastAnswerText().contains("t3 "));

            network.cut();

            String banner = page.until(d -> {
                String text = page.visible("banner").getText();
                return text.contains("Connection lost") ? text : null;
            });
            assertThat(banner).contains("could not be reached");
            page.waitForAnswer("interrupted");
            SseClient.eventually(Duration.ofSeconds(5), "Synin let go of the upstream", () -> fake.hangUps() == 1);

            network.restore();
            page.click("banner-retry"); // reloads the conversation: the question is not sent again
            WebElement stored = page.waitForAnswer("interrupted");
            assertThat(fake.chatRequests()).hasSize(1);
            page.until(d -> !page.find("banner").isDisplayed());
            assertThat(stored.getText()).contains("t0 t1 t2 t3").doesNotContain("t299");
        } finally {
            network.stop();
        }
    }
}
