package dev.synin.security;

import static dev.synin.testing.Browser.userSays;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.synin.security.session.UserSession;
import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Json;
import dev.synin.testing.SseClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** SYNIN_AUTH_MODE=token: one shared secret, typed on the login page or sent as a Bearer token. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(AuthTokenModeTest.TokenMode.class)
class AuthTokenModeTest {

    /** With "$$" and "${": a secret is taken verbatim, not as a config expression. */
    static final String TOKEN = "test-access-token-$${not-an-expression}-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Failed sign-ins are counted per address: each test that fails some comes from its own (X-Forwarded-For). */
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    public static class TokenMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synin.auth.mode", "token", "synin.access-token", TOKEN, "synin.auth.login-max-failures", "3",
                    "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @FakeLmStudioResource.InjectFake
    FakeLmStudio fake;

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void setUp() {
        fake.reset();
    }

    private static String newAddress() {
        return "10.1.0." + ADDRESSES.incrementAndGet();
    }

    private Response login(String token, String address) {
        return Browser.loginRequest(base).header("X-Forwarded-For", address).formParam("token", token).post("/login");
    }

    @Test
    void shouldServeALoginPageWithATokenFieldAndNoInlineScriptOrStyle() {
        String page = given().baseUri(base.toString()).get("/login").then().statusCode(200)
                .contentType(containsString("text/html")).header("Cache-Control", "no-store").extract().asString();
        assertThat(page).contains("name=\"token\"", "type=\"password\"", "action=\"/login\"", "href=\"/css/login.css\"")
                .doesNotContain("name=\"username\"", "<script", "<style", "style=");
        given().baseUri(base.toString()).get("/css/login.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void shouldAnswerAnonymousApiCallsWith401AndSendPagesToTheLoginPage() {
        given().baseUri(base.toString()).get("/api/conversations").then().statusCode(401)
                .contentType(containsString("application/json")).body("error.code", equalTo("unauthorized"))
                .header("Set-Cookie", (String) null).header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        SseClient stream = SseClient.post(base.resolve("/api/chat/stream"), Json.write(userSays("let me in")), Map.of());
        stream.awaitEnd(WAIT);
        assertThat(stream.status()).isEqualTo(401);
        assertThat(fake.requests()).isEmpty();

        for (String page : new String[] { "/", "/c/0f8fad5b-d9cb-469f-a165-70867728950e", "/css/../api/conversations/" }) {
            given().baseUri(base.toString()).redirects().follow(false).get(page).then().statusCode(page.contains("api") ? 401 : 303);
        }
        given().baseUri(base.toString()).redirects().follow(false).get("/").then().statusCode(303).header("Location", "/login")
                .header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff");
        // The probes and metrics are not on the public port at all; the management port needs no sign-in.
        given().baseUri(base.toString()).redirects().follow(false).get("/q/health/live").then().statusCode(303);
        given().baseUri(base.toString()).redirects().follow(false).get("/q/metrics").then().statusCode(303);
        given().port(management.getPort()).get("/q/health/live").then().statusCode(200);
        given().port(management.getPort()).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void shouldRefuseAWrongTokenWithAGenericMessageAndNoSession() {
        Response failed = login("not-the-token", newAddress());
        failed.then().statusCode(303).header("Location", "/login?error=1");
        assertThat(failed.headers().getValues("Set-Cookie")).noneMatch(c -> c.startsWith("synin_session=") && !c.startsWith("synin_session=;"));
        String page = given().baseUri(base.toString()).get("/login?error=1").then().statusCode(200).extract().asString();
        assertThat(page).contains("Wrong access token.").doesNotContain(TOKEN);
        login("", newAddress()).then().statusCode(303).header("Location", "/login?error=1");
    }

    @Test
    void shouldAcceptTheTokenAsBearerWithoutCookieOrCsrfHeader() {
        given().baseUri(base.toString()).auth().oauth2(TOKEN).get("/api/conversations").then().statusCode(200);
        SseClient stream = SseClient.post(base.resolve("/api/chat/stream"), Json.write(userSays("From a script")),
                Map.of("Authorization", "Bearer " + TOKEN)).awaitEnd(WAIT);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.named("done")).hasSize(1);

        given().baseUri(base.toString()).header("X-Forwarded-For", newAddress()).auth().oauth2("wrong-token")
                .get("/api/conversations").then().statusCode(401).body("error.message", equalTo("The access token is not valid."));
    }

    @Test
    void shouldGiveEveryHolderOfTheTokenTheSameConversationsFromAnyBrowser() {
        Browser laptop = Browser.withToken(base, TOKEN);
        Browser phone = Browser.withToken(base, TOKEN);
        assertThat(laptop.cookie()).isNotEqualTo(phone.cookie());
        String id = laptop.stream(userSays("Shared across browsers")).awaitEnd(WAIT).named("start").get(0).data()
                .path("conversationId").asText();

        phone.api().get("/api/conversations/" + id).then().statusCode(200).body("title", equalTo("Shared across browsers"));
        given().baseUri(base.toString()).auth().oauth2(TOKEN).get("/api/conversations").then().statusCode(200)
                .body("items.id", hasItem(id));
        phone.api().get("/api/me").then().body("mode", equalTo("token"));
    }

    @Test
    void shouldEndTheSessionAtLogoutSoThatTheOldCookieIsRefusedWhenReplayed() {
        Browser browser = Browser.withToken(base, TOKEN);
        browser.api().get("/api/conversations").then().statusCode(200);

        Response logout = browser.logout();
        logout.then().statusCode(303).header("Location", "/login");
        assertThat(logout.header("Set-Cookie")).startsWith("synin_session=;").contains("Max-Age=0");

        Browser replay = Browser.withCookie(base, browser.cookie());
        replay.api().get("/api/conversations").then().statusCode(401).body("error.code", equalTo("unauthorized"));
        given().baseUri(base.toString()).header("Cookie", browser.cookie()).redirects().follow(false).get("/").then()
                .statusCode(303).header("Location", "/login");
    }

    @Test
    void shouldIssueAnHttpOnlySameSiteLaxSessionCookieThatIsSecureBehindTls() {
        Response plain = Browser.postLogin(base, Map.of("token", TOKEN));
        // Cookie attribute names are case-insensitive (Vert.x writes "HTTPOnly").
        String cookie = plain.header("Set-Cookie").toLowerCase(java.util.Locale.ROOT);
        assertThat(cookie).startsWith("synin_session=").contains("; httponly", "; samesite=lax", "; path=/", "; max-age=")
                .doesNotContain("secure");
        String value = Browser.sessionCookie(plain).substring("synin_session=".length());
        assertThat(value.length() * 6).as("bits of randomness").isGreaterThanOrEqualTo(256);

        Response proxied = Browser.loginRequest(base).header("X-Forwarded-Proto", "https").formParam("token", TOKEN).post("/login");
        assertThat(proxied.header("Set-Cookie").toLowerCase(java.util.Locale.ROOT)).startsWith("synin_session=")
                .contains("; secure", "; httponly", "; samesite=lax");
    }

    @Test
    void shouldRefuseALoginFormPostedFromAnotherSite() {
        Browser.loginRequest(base).header("Origin", "https://evil.example").formParam("token", TOKEN).post("/login").then()
                .statusCode(403).body("error.code", equalTo("forbidden")).body("error.message", containsString("CSRF"))
                .header("Set-Cookie", (String) null);
        Browser.loginRequest(base).header("Referer", "https://evil.example/page").formParam("token", TOKEN).post("/login").then()
                .statusCode(403);
        Browser.loginRequest(base).header("Origin", "null").formParam("token", TOKEN).post("/login").then().statusCode(403);

        Response sameSite = Browser.loginRequest(base).header("Origin", "http://" + base.getHost() + ":" + base.getPort())
                .formParam("token", TOKEN).post("/login");
        sameSite.then().statusCode(303).header("Location", "/");
        assertThat(Browser.sessionCookie(sameSite)).isNotEmpty();
    }

    @Test
    void shouldRefuseAnAddressThatFailedTooOftenEvenWithTheRightToken() {
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            login("guess-" + i, address).then().statusCode(303).header("Location", "/login?error=1");
        }
        Response refused = login(TOKEN, address);
        refused.then().statusCode(429).header("Retry-After", notNullValue())
                .body(containsString("Too many failed sign-ins"));
        assertThat(refused.headers().getValues("Set-Cookie")).noneMatch(c -> c.startsWith("synin_session="));
        given().baseUri(base.toString()).header("X-Forwarded-For", address).auth().oauth2(TOKEN).get("/api/conversations")
                .then().statusCode(429).body("error.code", equalTo("rate_limited"));

        login(TOKEN, newAddress()).then().statusCode(303).header("Location", "/");
    }

    @Test
    void shouldEndSessionsThatWereOpenedWithAnotherToken() {
        Browser browser = Browser.withToken(base, TOKEN);
        browser.api().get("/api/conversations").then().statusCode(200);
        String hash = Secrets.sha256(browser.cookie().substring("synin_session=".length()));
        // As if SYNIN_ACCESS_TOKEN had been changed since this session was opened.
        QuarkusTransaction.requiringNew().run(() -> UserSession.update("credential = 'an older token' where idHash = ?1", hash));

        browser.api().get("/api/conversations").then().statusCode(401);
    }
}
