package dev.synin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Oidc mode in Chromium against the real provider: "Sign in with ..." on the login page, the provider's form, the chat
 * page, then "Sign out", which also ends the provider's session (the next sign-in asks for the password again). Under
 * Synin's real CSP and cookie attributes, which the HTTP-level {@link OidcModeTest} cannot show.
 */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@WithTestResource(OidcProviderResource.class)
@TestProfile(OidcModeTest.OidcMode.class)
class OidcSignInBrowserTest {

    private static ChromeDriver driver;

    @TestHTTPResource("/")
    URI base;

    @OidcProviderResource.InjectIssuer
    URI issuer;

    /** Debian's headless chromium, as the page tests in dev.synin.web start it. */
    @BeforeAll
    static void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        try {
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + Files.createTempDirectory("synin-chromium-oidc-"), "--window-size=1024,768");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Paths.get(System.getProperty("chromium.driver", "/usr/bin/chromedriver")).toFile()).build(), options);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void shouldSignInWithTheProviderAndSignOutOfBoth() {
        String login = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        driver.get(base.resolve("/").toString());
        wait.until(d -> d.getCurrentUrl().endsWith("/login"));

        signInAtTheProvider(wait, login);
        wait.until(d -> d.getCurrentUrl().equals(base.resolve("/").toString()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
        wait.until(d -> d.findElement(By.id("sign-out")).getText().contains(login));

        driver.findElement(By.id("sign-out")).click();
        // Synin's session ends, then the provider asks to confirm its own logout and sends the browser back.
        wait.until(d -> d.getCurrentUrl().startsWith(issuer.toString()));
        wait.until(ExpectedConditions.elementToBeClickable(By.name("logout"))).click();
        wait.until(d -> d.getCurrentUrl().equals(base.resolve("/login").toString()));
        assertThat(driver.manage().getCookieNamed("synin_session")).isNull();

        // Signed out at the provider too: its password form comes again.
        signInAtTheProvider(wait, login);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll()).noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
    }

    private static void signInAtTheProvider(WebDriverWait wait, String login) {
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Sign in with Test ID"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("login"))).sendKeys(login);
        driver.findElement(By.name("password")).sendKeys(OidcProviderResource.PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }
}
