package dev.synin.security;

import static dev.synin.testing.Browser.userSays;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.synin.conversation.Conversation;
import dev.synin.security.session.SessionService;
import dev.synin.security.user.AppUser;
import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * SYNIN_AUTH_MODE=oidc against a real OpenID provider (oidc-provider on Node.js, {@link OidcProviderResource}): accounts
 * created at the first sign-in, the admin claim, logout at Synin and at the provider, refused callbacks, ownership.
 */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@WithTestResource(OidcProviderResource.class)
@TestProfile(OidcModeTest.OidcMode.class)
class OidcModeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    public static class OidcMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synin.auth.mode", "oidc", "synin.oidc.provider-name", "Test ID",
                    "synin.oidc.scopes", "openid profile email groups", "synin.oidc.admin-claim", "groups",
                    "synin.oidc.admin-value", "synin-admins",
                    "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.enable-forwarded-host", "true");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @OidcProviderResource.InjectIssuer
    URI issuer;

    @Inject
    SessionService sessions;

    /** Login names are unique per run: the test database outlives the run. */
    private static String newLogin(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private AppUser account(String login) {
        return QuarkusTransaction.requiringNew().call(() -> AppUser.findByProviderSubject(issuer.toString(), "sub-" + login).orElse(null));
    }

    private Browser signedIn(String login) {
        HttpResponse<String> callback = new OidcBrowser(base).signIn(login);
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);
        return Browser.withCookie(base, OidcBrowser.sessionCookie(callback));
    }

    @Test
    void shouldShowTheProvidersButtonInsteadOfAPasswordForm() {
        String page = given().baseUri(base.toString()).get("/login").then().statusCode(200).extract().asString();
        assertThat(page).contains("Sign in with Test ID").contains("href=\"/login/oidc\"").doesNotContain("name=\"password\"");
        // No passwords in oidc mode, and no accounts made by hand either.
        Browser.postLogin(base, Map.of("username", "someone", "password", "a password")).then().statusCode(303)
                .header("Location", "/login");
    }

    @Test
    void shouldCreateTheAccountAtTheFirstSignInAndReuseItAtTheNext() {
        String login = newLogin("first");
        assertThat(account(login)).isNull();

        OidcBrowser browser = new OidcBrowser(base);
        HttpResponse<String> callback = browser.signIn(login);
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).contains("/");
        assertThat(browser.askedToSignIn).isTrue();
        Browser user = Browser.withCookie(base, OidcBrowser.sessionCookie(callback));
        user.api().get("/api/me").then().statusCode(200).body("mode", equalTo("oidc")).body("username", equalTo(login))
                .body("displayName", equalTo(login)).body("admin", equalTo(false));
        AppUser created = account(login);
        assertThat(created).isNotNull();
        assertThat(created.passwordHash).isNull();
        assertThat(created.role).isEqualTo(AppUser.USER);
        String id = user.stream(userSays("Remember me")).awaitEnd(WAIT).named("start").get(0).data().path("conversationId").asText();

        Browser again = signedIn(login);
        assertThat(again.cookie()).isNotEqualTo(user.cookie());
        assertThat(account(login).id).isEqualTo(created.id);
        assertThat(QuarkusTransaction.requiringNew().call(() -> AppUser.count("oidcSubject", "sub-" + login))).isEqualTo(1);
        again.api().get("/api/conversations/" + id).then().statusCode(200).body("title", equalTo("Remember me"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Conversation.<Conversation>findById(UUID.fromString(id)).ownerId))
                .isEqualTo("user:" + created.id);
    }

    @Test
    void shouldMakeAnAdminOfAUserInTheAdminGroupOnly() {
        String adminLogin = newLogin("admin");
        Browser admin = signedIn(adminLogin);
        Browser user = signedIn(newLogin("plain"));

        admin.api().get("/api/me").then().body("admin", equalTo(true));
        assertThat(account(adminLogin).role).isEqualTo(AppUser.ADMIN);
        admin.api().get("/api/admin/users").then().statusCode(200).body("items.username", hasItem(adminLogin));
        admin.api().body(Map.of("username", newLogin("manual"), "password", "a long password")).post("/api/admin/users")
                .then().statusCode(409).body("error.code", equalTo("conflict"));

        user.api().get("/api/me").then().body("admin", equalTo(false));
        user.api().get("/api/admin/users").then().statusCode(403).body("error.code", equalTo("forbidden"));
        // Loading a model takes the server's memory for everyone: an admin's decision, as in users mode.
        user.api().body(Map.of("model", "qwen2.5-7b-instruct")).post("/api/models/load").then().statusCode(403)
                .body("error.message", containsString("Only admins"));
        user.api().get("/api/models").then().body("canManage", equalTo(false));
    }

    @Test
    void shouldKeepEachUsersConversationsToThemselves() {
        Browser alice = signedIn(newLogin("alice"));
        Browser bob = signedIn(newLogin("bob"));
        String id = alice.stream(userSays("Alice's secret")).awaitEnd(WAIT).named("start").get(0).data().path("conversationId").asText();

        bob.api().get("/api/conversations/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
        bob.api().delete("/api/conversations/" + id).then().statusCode(404);
        bob.api().get("/api/conversations").then().statusCode(200).body("items", hasSize(0));
        alice.api().get("/api/conversations/" + id).then().statusCode(200).body("messages", hasSize(2));
    }

    @Test
    void shouldEndTheSyninSessionAndThenTheProvidersAtLogout() {
        OidcBrowser browser = new OidcBrowser(base);
        HttpResponse<String> callback = browser.signIn(newLogin("leaving"));
        String session = OidcBrowser.sessionCookie(callback);
        Browser.withCookie(base, session).api().get("/api/conversations").then().statusCode(200);

        HttpResponse<String> logout = browser.logout();
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Location")).contains("/login");
        Browser.withCookie(base, session).api().get("/api/conversations").then().statusCode(401);

        // The page then visits /login, which sends the browser on to the provider's end_session_endpoint.
        HttpResponse<String> login = browser.get(base.resolve("/login"));
        assertThat(login.statusCode()).isEqualTo(303);
        URI endSession = OidcBrowser.location(login);
        assertThat(endSession.toString()).startsWith(issuer + "/session/end?").contains("id_token_hint=")
                .contains("client_id=" + OidcProviderResource.CLIENT_ID)
                .contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(base.resolve("/login").toString(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(browser.cookie(dev.synin.security.oidc.ProviderLogout.COOKIE)).isEmpty();
        HttpResponse<String> confirmed = browser.confirmLogout(browser.get(endSession));
        assertThat(confirmed.statusCode()).isEqualTo(303);
        assertThat(OidcBrowser.location(confirmed)).isEqualTo(base.resolve("/login"));
        assertThat(browser.get(base.resolve("/login")).statusCode()).isEqualTo(200);

        // Out of the provider too: the next sign-in asks for the password again.
        browser.walkToCallback(newLogin("back"));
        assertThat(browser.askedToSignIn).isTrue();
    }

    @Test
    void shouldRefuseACallbackWhoseStateWasChanged() {
        OidcBrowser browser = new OidcBrowser(base);
        URI callback = browser.walkToCallback(newLogin("state"));
        String forged = callback.toString().replaceAll("state=[^&]+", "state=" + Secrets.random(32));

        HttpResponse<String> refused = browser.get(URI.create(forged));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("state mismatch");
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("synin_session=") && !c.startsWith("synin_session=;"));
        // The pending sign-in is used up: the genuine answer is no good any more either.
        HttpResponse<String> replayed = browser.get(callback);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("not started in this browser");
    }

    @Test
    void shouldRefuseACallbackSentFromAnotherBrowser() {
        URI callback = new OidcBrowser(base).walkToCallback(newLogin("victim"));
        HttpResponse<String> other = new OidcBrowser(base).get(callback);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("not started in this browser");
    }

    @Test
    void shouldRefuseATamperedCode() {
        OidcBrowser browser = new OidcBrowser(base);
        URI callback = browser.walkToCallback(newLogin("code"));
        HttpResponse<String> refused = browser.get(URI.create(callback.toString().replaceAll("code=[^&]+", "code=forged-code")));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("did not accept the sign-in code");
    }

    @Test
    void shouldRefuseAnIdTokenIssuedForAnotherNonce() {
        OidcBrowser browser = new OidcBrowser(base);
        URI callback = browser.walkToCallback(newLogin("nonce"));
        String[] pending = browser.cookie("synin_oidc").orElseThrow().getValue().split("\\.");
        pending[2] = Secrets.random(32);
        browser.setCookie("synin_oidc", String.join(".", pending));

        HttpResponse<String> refused = browser.get(callback);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("nonce mismatch");
    }

    @Test
    void shouldRefuseACodeRedeemedWithoutItsPkceVerifier() {
        OidcBrowser browser = new OidcBrowser(base);
        URI callback = browser.walkToCallback(newLogin("pkce"));
        String[] pending = browser.cookie("synin_oidc").orElseThrow().getValue().split("\\.");
        pending[3] = Secrets.random(32);
        browser.setCookie("synin_oidc", String.join(".", pending));

        HttpResponse<String> refused = browser.get(callback);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("did not accept the sign-in code");
    }

    @Test
    void shouldShowTheProvidersRefusal() {
        OidcBrowser browser = new OidcBrowser(base);
        HttpResponse<String> refused = browser.signIn(newLogin("deny"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Test ID did not sign you in: access_denied");
    }

    @Test
    void shouldBuildTheRedirectUriFromTheOriginTheProxyForwarded() {
        io.restassured.response.Response start = given().baseUri(base.toString()).redirects().follow(false)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "chat.example.com").get("/login/oidc");
        start.then().statusCode(303);
        assertThat(start.header("Location")).startsWith(issuer + "/auth?")
                .contains("redirect_uri=https%3A%2F%2Fchat.example.com%2Flogin%2Foidc%2Fcallback")
                .contains("code_challenge_method=S256");
        assertThat(start.headers().getValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("synin_oidc=v1.")
                .contains("Secure").containsIgnoringCase("HttpOnly").contains("Path=/login/oidc"));
    }

    @Test
    void shouldNotAcceptASessionOpenedInUsersMode() {
        String login = newLogin("mode");
        signedIn(login);
        long id = account(login).id;
        // A session as users mode opens it (no credential tag) for the same account: not one of this provider's.
        String passwordSession = QuarkusTransaction.requiringNew().call(() -> sessions.open(AppUser.ownerIdOf(id), id, null));
        Browser.withCookie(base, "synin_session=" + passwordSession).api().get("/api/conversations").then().statusCode(401);
    }

    @Test
    void shouldKeepTheDefaultsForNewChatsOnTheServerSoTheyFollowTheUser() {
        String login = newLogin("devices");
        Browser laptop = signedIn(login);
        Browser phone = signedIn(login);
        Browser other = signedIn(newLogin("other"));
        phone.api().get("/api/me/defaults").then().statusCode(200).body("model", equalTo(null)).body("updatedAt", equalTo(null));

        laptop.api().body(Map.of("model", "qwen2.5-7b-instruct", "temperature", 0.2, "maxTokens", 512, "systemPrompt", "Be brief."))
                .put("/api/me/defaults").then().statusCode(200).body("model", equalTo("qwen2.5-7b-instruct"));
        phone.api().get("/api/me/defaults").then().statusCode(200).body("model", equalTo("qwen2.5-7b-instruct"))
                .body("temperature", equalTo(0.2f)).body("maxTokens", equalTo(512)).body("systemPrompt", equalTo("Be brief."));
        other.api().get("/api/me/defaults").then().statusCode(200).body("model", equalTo(null));

        // Bad input: a clear 400 naming the field, and nothing changed.
        phone.api().body(Map.of("temperature", 7)).put("/api/me/defaults").then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.containsString("temperature"));
        phone.api().body(Map.of("maxTokens", 0)).put("/api/me/defaults").then().statusCode(400);
        phone.api().body(Map.of("colour", "red")).put("/api/me/defaults").then().statusCode(400);
        laptop.api().get("/api/me/defaults").then().body("temperature", equalTo(0.2f)).body("maxTokens", equalTo(512));

        phone.api().body(Map.of()).put("/api/me/defaults").then().statusCode(200).body("model", equalTo(null));
        laptop.api().get("/api/me/defaults").then().body("model", equalTo(null)).body("systemPrompt", equalTo(null));
    }
}
