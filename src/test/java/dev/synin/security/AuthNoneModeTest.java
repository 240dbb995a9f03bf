package dev.synin.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The default mode (none): no sign-in, no login page, and no account API to reach. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class AuthNoneModeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void shouldNeedNoSignInAndOfferNoLoginPage() {
        Browser browser = Browser.fresh(base);
        browser.api().get("/api/me").then().statusCode(200).body("mode", equalTo("none")).body("username", nullValue())
                .body("admin", equalTo(false));
        given().baseUri(base.toString()).redirects().follow(false).get("/login").then().statusCode(303).header("Location", "/");
        browser.logout().then().statusCode(303).header("Location", "/");
    }

    @Test
    void shouldKeepTheAdminApiClosedWithoutAccounts() {
        Browser browser = Browser.fresh(base);
        browser.api().get("/api/admin/users").then().statusCode(401).body("error.code", equalTo("unauthorized"));
        browser.api().body(java.util.Map.of("username", "eve", "password", "eve-password")).post("/api/admin/users").then()
                .statusCode(401);
    }

    @Test
    void shouldLeaveTheDefaultsForNewChatsToTheBrowserWithoutAccounts() {
        Browser browser = Browser.fresh(base);
        browser.api().get("/api/me/defaults").then().statusCode(404).body("error.code", equalTo("not_found"));
        browser.api().body(java.util.Map.of("model", "m")).put("/api/me/defaults").then().statusCode(404);
    }
}
