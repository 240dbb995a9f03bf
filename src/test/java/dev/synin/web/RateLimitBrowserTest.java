package dev.synin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A rate-limited message: the banner says so and counts down Retry-After, and the typed text is given back. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(RateLimitBrowserTest.OneChatAMinute.class)
class RateLimitBrowserTest extends SingleBrowserTest {

    public static class OneChatAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synin.rate-limit.enabled", "true", "synin.rate-limit.store", "memory",
                    "synin.rate-limit.chats-per-minute", "1");
        }
    }

    @Test
    void shouldCountDownTheWaitAndGiveTheMessageBack() {
        fake.reset();
        ChatPage page = new ChatPage(driver, base);
        page.forgetVisitor();
        page.open("/");
        page.send("First question");
        page.waitForAnswer("complete");

        page.send("Second question");

        String banner = page.until(d -> {
            String text = page.visible("banner").getText();
            return text.contains("Too many requests") ? text : null;
        });
        assertThat(banner).contains("at most 1 a minute");
        String retry = page.visible("banner-retry").getText();
        assertThat(retry).matches("Retry in \\d+ s");
        assertThat(page.visible("banner-retry").isEnabled()).isFalse();
        page.until(d -> !page.visible("banner-retry").getText().equals(retry)); // it counts down
        page.until(d -> "Second question".equals(page.composer().getDomProperty("value")));
        assertThat(fake.chatRequests()).hasSize(1);
    }
}
