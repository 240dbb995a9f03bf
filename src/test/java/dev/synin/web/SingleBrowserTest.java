package dev.synin.web;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * One headless Chromium for a browser test class, the fake LM Studio and Synin's address. Subclasses carry
 * {@code @QuarkusTest @WithTestResource(FakeLmStudioResource.class)} (and their own test profile).
 */
abstract class SingleBrowserTest {

    static ChromeDriver driver;

    @FakeLmStudioResource.InjectFake
    FakeLmStudio fake;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void startBrowser() {
        driver = Chromium.start(1024, 768);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
