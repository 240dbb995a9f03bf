package dev.synin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** In token mode a person signs in on the login page, chats, and signs out from the sidebar. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(SignInBrowserTest.TokenMode.class)
class SignInBrowserTest extends SingleBrowserTest {

    public static class TokenMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synin.auth.mode", "token", "synin.access-token", "correct horse battery staple");
        }
    }

    @Test
    void shouldSignInChatAndSignOut() {
        fake.reset();
        ChatPage page = new ChatPage(driver, base);
        driver.get(base.resolve("/").toString());
        page.until(d -> d.getCurrentUrl().endsWith("/login"));

        driver.findElement(By.id("token")).sendKeys("wrong");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        page.until(d -> d.getCurrentUrl().contains("/login?error"));

        driver.findElement(By.id("token")).sendKeys("correct horse battery staple");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        page.ready();
        page.send("Hello");
        page.until(d -> page.lastAnswerText().equals("Hello! How can I help you today?"));

        page.until(d -> d.findElement(ChatPage.testId("sign-out")).isDisplayed());
        driver.findElement(ChatPage.testId("sign-out")).click();
        page.until(d -> d.getCurrentUrl().endsWith("/login"));
        driver.get(base.resolve("/").toString());
        page.until(d -> d.getCurrentUrl().endsWith("/login"));
        assertThat(driver.manage().getCookieNamed("synin_session")).isNull();
    }
}
