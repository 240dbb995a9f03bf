package dev.synin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import dev.synin.testing.CuttableProxy;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The network drops in the middle of an answer (the browser reaches Synin through a TCP proxy the test cuts): the
 * answer goes on on the server, and when the network is back the page picks it up from the last event it saw, with
 * no gap and nothing twice, without asking again.
 */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class NetworkLossBrowserTest extends SingleBrowserTest {

    @Test
    void shouldResumeTheAnswerWithNoGapOrDuplicateWhenTheNetworkIsBack() throws InterruptedException {
        fake.reset();
        CuttableProxy network = new CuttableProxy("127.0.0.1", base.getPort()).start();
        try {
            ChatPage page = new ChatPage(driver, URI.create("http://127.0.0.1:" + network.port() + "/"));
            page.forgetVisitor();
            page.open("/");
            fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(120)).pace(FakeLmStudio.ms(40)));
            page.send("Tell me a long story");
            page.until(d -> page.lastAnswerText().contains("t3 "));

            network.cut();
            Thread.sleep(1500); // stages the outage: the page's reconnects fail meanwhile
            network.restore();

            WebElement answer = page.waitForAnswer("complete");
            assertThat(answer.findElement(ChatPage.testId("message-body")).getText())
                    .isEqualTo(ChatPageBrowserTest.numberedText(120));
            assertThat(fake.chatRequests()).as("the question is not sent again").hasSize(1);
            assertThat(fake.hangUps()).as("Synin kept generating while the page was away").isZero();
        } finally {
            network.stop();
        }
    }
}
