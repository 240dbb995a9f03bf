package dev.synin.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The login page has the favicon and the manifest too, and a visitor who has not signed in can load them: browsers
 * fetch a manifest without cookies, so it must not need a session.
 */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(SignInBrowserTest.TokenMode.class)
class LoginPageIconsBrowserTest extends SingleBrowserTest {

    @Test
    void shouldLinkTheFaviconAndTheManifestWithoutSigningIn() {
        ChatPage page = new ChatPage(driver, base);
        driver.manage().deleteAllCookies();
        driver.get(base.resolve("/login").toString());
        page.until(d -> d.getCurrentUrl().endsWith("/login"));

        assertThat(page.js("return document.querySelector('link[rel=icon]').getAttribute('href')")).isEqualTo("/favicon.svg");
        String manifest = (String) page.js("return document.querySelector('link[rel=manifest]').getAttribute('href')");
        assertThat(page.js("return fetch(arguments[0], {credentials: 'omit', redirect: 'manual'})"
                + ".then(r => r.status + ' ' + r.url)", manifest)).asString().startsWith("200 ").endsWith(manifest);
        assertThat(page.js("return fetch(arguments[0], {credentials: 'omit'}).then(r => r.json()).then(m => m.name)", manifest))
                .isEqualTo("Synin");
        // Vert.x knows no type for .webmanifest (it would be application/octet-stream): the file is manifest.json.
        assertThat(page.js("return fetch(arguments[0], {credentials: 'omit'}).then(r => r.headers.get('content-type'))", manifest))
                .asString().startsWith("application/json");
        for (String icon : new String[] { "/favicon.svg", "/img/icon-192.png", "/img/icon-512.png" }) {
            assertThat(page.js("return fetch(arguments[0], {credentials: 'omit', redirect: 'manual'}).then(r => r.status)", icon))
                    .as(icon).isEqualTo(200L);
        }
    }
}
