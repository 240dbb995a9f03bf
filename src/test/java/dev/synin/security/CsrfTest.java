package dev.synin.security;

import static dev.synin.testing.Browser.userSays;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Json;
import dev.synin.testing.SseClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** In the default mode (none) the owner cookie is the credential, so cookie-bearing state changes need the CSRF header. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class CsrfTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @FakeLmStudioResource.InjectFake
    FakeLmStudio fake;

    @TestHTTPResource("/")
    URI base;

    Browser browser;
    String conversation;

    @BeforeEach
    void setUp() {
        fake.reset();
        browser = Browser.fresh(base);
        conversation = browser.stream(userSays("Mine")).awaitEnd(WAIT).named("start").get(0).data().path("conversationId").asText();
    }

    /** What another site can make a browser send: the cookie goes along, but no custom header. */
    private RequestSpecification forged() {
        return given().baseUri(base.toString()).header("Cookie", browser.cookie()).contentType(ContentType.JSON);
    }

    @Test
    void shouldRefuseEveryCookieBearingStateChangeWithoutTheHeader() {
        String path = "/api/conversations/" + conversation;
        forged().body(userSays("forged")).post("/api/chat/stream").then().statusCode(403)
                .body("error.code", equalTo("forbidden")).body("error.message", containsString("Cross-site request refused (CSRF)"));
        forged().body(userSays("forged")).post("/api/chat").then().statusCode(403).body("error.code", equalTo("forbidden"));
        forged().body(Map.of("title", "pwned")).patch(path).then().statusCode(403);
        forged().post(path + "/stop").then().statusCode(403);
        forged().delete(path + "/messages").then().statusCode(403);
        forged().delete(path).then().statusCode(403);

        browser.api().get("/api/conversations").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].title", equalTo("Mine"));
        browser.api().get(path).then().statusCode(200).body("messages", hasSize(2));
    }

    @Test
    void shouldRefuseAForeignOriginEvenWithTheHeader() {
        browser.api().header("Origin", "https://evil.example").body(Map.of("title", "pwned"))
                .patch("/api/conversations/" + conversation).then().statusCode(403)
                .body("error.message", containsString("CSRF"));
        browser.api().header("Origin", "null").delete("/api/conversations/" + conversation).then().statusCode(403);
        // Same host, other port: another origin.
        browser.api().header("Origin", "http://localhost:1").post("/api/conversations/" + conversation + "/stop").then().statusCode(403);

        SseClient forged = SseClient.post(base.resolve("/api/chat/stream"), Json.write(userSays("forged")),
                Map.of("Cookie", browser.cookie(), Browser.CSRF_HEADER, Browser.CSRF_VALUE, "Origin", "https://evil.example"));
        forged.awaitEnd(WAIT);
        org.assertj.core.api.Assertions.assertThat(forged.status()).isEqualTo(403);

        browser.api().get("/api/conversations/" + conversation).then().statusCode(200).body("title", equalTo("Mine"));
    }

    @Test
    void shouldAcceptTheHeaderFromSyninsOwnOrigin() {
        String origin = "http://" + base.getHost() + ":" + base.getPort();
        browser.api().header("Origin", origin).body(Map.of("title", "Renamed")).patch("/api/conversations/" + conversation)
                .then().statusCode(200).body("title", equalTo("Renamed"));
    }

    @Test
    void shouldLetRequestsWithoutCookiesThroughSuchAsBearerClients() {
        // No cookie, no ambient credential: nothing a forged request could borrow.
        given().baseUri(base.toString()).header("Authorization", "Bearer some-api-client").contentType(ContentType.JSON)
                .body(userSays("Hello from a script")).post("/api/chat").then().statusCode(200);
    }

    @Test
    void shouldLeaveReadsAlone() {
        given().baseUri(base.toString()).header("Cookie", browser.cookie()).get("/api/conversations").then().statusCode(200)
                .body("items", hasSize(1));
    }
}
