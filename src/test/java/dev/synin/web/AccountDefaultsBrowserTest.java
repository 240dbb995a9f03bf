package dev.synin.web;

import static dev.synin.web.ChatPageBrowserTest.replace;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.synin.security.AuthUsersModeTest;
import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With accounts the defaults for new chats follow the person to another device (GET/PUT /api/me/defaults). */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(AuthUsersModeTest.UsersMode.class)
class AccountDefaultsBrowserTest extends SingleBrowserTest {

    /** The admin the users-mode profile creates on an empty database (the API tests of that mode use it too). */
    static final String ADMIN = AuthUsersModeTest.ADMIN;
    static final String PASSWORD = AuthUsersModeTest.ADMIN_PASSWORD;

    private ChatPage signIn() {
        ChatPage page = new ChatPage(driver, base);
        driver.get(base.resolve("/").toString());
        try {
            page.until(d -> d.getCurrentUrl().contains("/login"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not sent to the login page: " + driver.getCurrentUrl() + " "
                    + driver.getPageSource().substring(0, Math.min(600, driver.getPageSource().length())), e);
        }
        driver.findElement(By.id("username")).sendKeys(ADMIN);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        return page.ready();
    }

    @Test
    void shouldStartANewChatOnAnotherDeviceFromTheDefaultsSetOnThisOne() {
        fake.reset();
        ChatPage page = signIn();
        page.click("settings-toggle");
        replace(page.visible("temperature-input"), "1.3");
        replace(page.find("system-prompt-input"), "Answer in French.");
        page.composer().click();
        Browser api = Browser.signedIn(base, ADMIN, PASSWORD);
        page.until(d -> "1.3".equals(String.valueOf((Object) api.api().get("/api/me/defaults").then().extract().jsonPath().get("temperature"))));

        // Another device: nothing in the browser, signed in anew.
        page.js("localStorage.clear()");
        driver.manage().deleteAllCookies();
        page = signIn();
        ChatPage again = page;
        page.until(d -> "1.3".equals(again.find("temperature-input").getDomProperty("value")));
        assertThat(page.find("system-prompt-input").getDomProperty("value")).isEqualTo("Answer in French.");
    }
}
