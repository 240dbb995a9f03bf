package dev.synin.security;

import static dev.synin.testing.Browser.userSays;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.synin.conversation.Conversation;
import dev.synin.ops.SchemaReady;
import dev.synin.security.session.UserSession;
import dev.synin.security.user.AppUser;
import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** SYNIN_AUTH_MODE=users: accounts in PostgreSQL, an admin who manages them, each user alone with their conversations. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(AuthUsersModeTest.UsersMode.class)
public class AuthUsersModeTest {

    public static final String ADMIN = "root-admin";
    public static final String ADMIN_PASSWORD = "admin-pa$$word-${123}";
    private static final String PASSWORD = "correct horse battery";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    public static class UsersMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synin.auth.mode", "users", "synin.auth.admin-username", ADMIN, "synin.admin-password", ADMIN_PASSWORD,
                    "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @FakeLmStudioResource.InjectFake
    FakeLmStudio fake;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Event<SchemaReady> schemaReady;

    private static boolean freshInstall;
    Browser admin;

    @BeforeEach
    void setUp() {
        fake.reset();
        if (!freshInstall) {
            startFromNoAccounts();
            freshInstall = true;
        }
        admin = Browser.signedIn(base, ADMIN, ADMIN_PASSWORD);
    }

    /** As on a fresh install (the test database outlives runs): no account, then what start-up does once the schema is ready. */
    private void startFromNoAccounts() {
        QuarkusTransaction.requiringNew().run(() -> {
            Conversation.delete("ownerId like ?1", "user:%");
            AppUser.deleteAll();
        });
        schemaReady.fire(new SchemaReady());
    }

    /** A new account (names are unique per run: the test database outlives the run). */
    private String newUser() {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
        admin.api().body(Map.of("username", name, "password", PASSWORD)).post("/api/admin/users").then().statusCode(201)
                .body("username", equalTo(name)).body("role", equalTo("user"));
        return name;
    }

    private Response login(String username, String password) {
        return Browser.loginRequest(base).header("X-Forwarded-For", "10.2.0." + ADDRESSES.incrementAndGet())
                .formParam("username", username).formParam("password", password).post("/login");
    }

    @Test
    void shouldSeedTheFirstAdminFromTheEnvironmentOnlyWhileThereIsNoAccount() {
        schemaReady.fire(new SchemaReady());
        admin.api().get("/api/admin/users").then().body("items.findAll { it.username == '" + ADMIN + "' }", hasSize(1));
        admin.api().get("/api/me").then().statusCode(200).body("mode", equalTo("users")).body("username", equalTo(ADMIN))
                .body("admin", equalTo(true));
        admin.api().get("/api/admin/users").then().statusCode(200).body("items.username", hasItem(ADMIN))
                .body("items.find { it.username == '" + ADMIN + "' }.role", equalTo("admin"))
                .body(not(containsString("password")));
    }

    @Test
    void shouldLetTheAdminAddAUserWhoCanThenSignIn() {
        String name = newUser();
        Browser user = Browser.signedIn(base, name.toUpperCase(), PASSWORD);
        user.api().get("/api/me").then().body("username", equalTo(name)).body("admin", equalTo(false));
        user.api().get("/api/conversations").then().statusCode(200).body("items", hasSize(0));

        admin.api().body(Map.of("username", name, "password", PASSWORD)).post("/api/admin/users").then().statusCode(409);
        admin.api().body(Map.of("username", "weak-" + name, "password", "short")).post("/api/admin/users").then().statusCode(400)
                .body("error.message", containsString("at least 8"));
        admin.api().body(Map.of("username", "bad name!", "password", PASSWORD)).post("/api/admin/users").then().statusCode(400);
        given().baseUri(base.toString()).get("/login").then().body(containsString("name=\"username\""));
    }

    @Test
    void shouldHideAnotherUsersConversationOnEveryEndpoint() {
        Browser alice = Browser.signedIn(base, newUser(), PASSWORD);
        Browser bob = Browser.signedIn(base, newUser(), PASSWORD);
        String id = alice.stream(userSays("Alice's secret")).awaitEnd(WAIT).named("start").get(0).data().path("conversationId").asText();

        String path = "/api/conversations/" + id;
        bob.api().get(path).then().statusCode(404).body("error.code", equalTo("not_found"));
        bob.api().body(Map.of("title", "pwned")).patch(path).then().statusCode(404);
        bob.api().post(path + "/stop").then().statusCode(404);
        bob.api().delete(path + "/messages").then().statusCode(404);
        bob.api().get(path + "/export?format=json").then().statusCode(404);
        bob.api().get(path + "/export").then().statusCode(404);
        bob.api().delete(path).then().statusCode(404);
        Map<String, Object> chat = new HashMap<>(userSays("let me in"));
        chat.put("conversationId", id);
        bob.api().body(chat).post("/api/chat").then().statusCode(404);
        bob.api().body(chat).post("/api/chat/stream").then().statusCode(404);
        bob.api().get("/api/conversations").then().statusCode(200).body("items", hasSize(0));
        bob.api().get("/api/conversations?q=secret").then().statusCode(200).body("items", hasSize(0));
        admin.api().get(path).then().statusCode(404);

        alice.api().get(path).then().statusCode(200).body("title", equalTo("Alice's secret")).body("messages", hasSize(2));
    }

    @Test
    void shouldRefuseTheAdminApiToOtherUsers() {
        String name = newUser();
        Browser user = Browser.signedIn(base, name, PASSWORD);
        user.api().get("/api/admin/users").then().statusCode(403).body("error.code", equalTo("forbidden"));
        user.api().body(Map.of("username", "sneaky-" + name, "password", PASSWORD)).post("/api/admin/users").then().statusCode(403);
        user.api().delete("/api/admin/users/" + ADMIN).then().statusCode(403);
        given().baseUri(base.toString()).get("/api/admin/users").then().statusCode(401).body("error.code", equalTo("unauthorized"));

        admin.api().get("/api/admin/users").then().statusCode(200).body("items.username", hasItem(ADMIN));
    }

    @Test
    void shouldAnswerAnUnknownUserAndAWrongPasswordAlike() {
        String name = newUser();
        Response wrongPassword = login(name, "wrong password!");
        Response unknownUser = login("nobody-" + name, PASSWORD);
        for (Response failed : new Response[] { wrongPassword, unknownUser }) {
            failed.then().statusCode(303).header("Location", "/login?error=1");
            assertThat(failed.headers().getValues("Set-Cookie")).noneMatch(c -> c.startsWith("synin_session="));
        }
        assertThat(given().baseUri(base.toString()).get("/login?error=1").asString()).contains("Wrong username or password.");
    }

    @Test
    void shouldKeepAnonymousCallersOut() {
        given().baseUri(base.toString()).get("/api/conversations").then().statusCode(401).body("error.code", equalTo("unauthorized"));
        given().baseUri(base.toString()).redirects().follow(false).get("/").then().statusCode(303).header("Location", "/login");
        // Bearer tokens belong to token mode only.
        given().baseUri(base.toString()).auth().oauth2(ADMIN_PASSWORD).get("/api/conversations").then().statusCode(401);
    }

    @Test
    void shouldEndTheSessionAtLogoutSoThatTheOldCookieIsRefusedWhenReplayed() {
        Browser user = Browser.signedIn(base, newUser(), PASSWORD);
        user.api().get("/api/conversations").then().statusCode(200);
        user.logout().then().statusCode(303).header("Location", "/login");

        Browser.withCookie(base, user.cookie()).api().get("/api/conversations").then().statusCode(401);
    }

    @Test
    void shouldIssueANewSessionIdAtEverySignInAndEndTheOneTheBrowserHad() {
        String name = newUser();
        Browser first = Browser.signedIn(base, name, PASSWORD);
        // A planted value (session fixation) is never adopted either.
        String planted = "synin_session=" + Secrets.random(32);
        for (String had : new String[] { first.cookie(), planted }) {
            Response again = Browser.loginRequest(base).header("Cookie", had).formParam("username", name)
                    .formParam("password", PASSWORD).post("/login");
            again.then().statusCode(303).header("Location", "/");
            String fresh = Browser.sessionCookie(again);
            assertThat(fresh).isNotEqualTo(had);
            Browser.withCookie(base, fresh).api().get("/api/conversations").then().statusCode(200);
        }
        first.api().get("/api/conversations").then().statusCode(401);
        Browser.withCookie(base, planted).api().get("/api/conversations").then().statusCode(401);
    }

    @Test
    void shouldEndTheSessionsOfARemovedUser() {
        String name = newUser();
        Browser user = Browser.signedIn(base, name, PASSWORD);
        user.api().get("/api/conversations").then().statusCode(200);

        admin.api().delete("/api/admin/users/" + name).then().statusCode(204);
        admin.api().get("/api/admin/users").then().body("items.username", not(hasItem(name)));
        user.api().get("/api/conversations").then().statusCode(401);
        login(name, PASSWORD).then().statusCode(303).header("Location", "/login?error=1");
        admin.api().delete("/api/admin/users/" + name).then().statusCode(404);
        admin.api().delete("/api/admin/users/" + ADMIN).then().statusCode(409);
    }

    @Test
    void shouldEndASessionIdleForLongerThanTheTimeout() {
        Browser user = Browser.signedIn(base, newUser(), PASSWORD);
        user.api().get("/api/conversations").then().statusCode(200);
        String hash = Secrets.sha256(user.cookie().substring("synin_session=".length()));
        QuarkusTransaction.requiringNew().run(() -> UserSession.update("expiresAt = ?1 where idHash = ?2",
                Instant.now().minusSeconds(1), hash));

        user.api().get("/api/conversations").then().statusCode(401);
    }

    @Test
    void shouldMoveTheIdleDeadlineOnWhileTheSessionIsUsed() {
        Browser user = Browser.signedIn(base, newUser(), PASSWORD);
        String hash = Secrets.sha256(user.cookie().substring("synin_session=".length()));
        Instant soon = Instant.now().plusSeconds(60);
        QuarkusTransaction.requiringNew().run(() -> UserSession.update("lastSeen = ?1, expiresAt = ?2 where idHash = ?3",
                Instant.now().minus(Duration.ofHours(1)), soon, hash));

        Response used = user.api().get("/api/conversations");
        used.then().statusCode(200);
        assertThat(Browser.sessionCookie(used)).isEqualTo(user.cookie());
        UserSession session = QuarkusTransaction.requiringNew().call(() -> UserSession.<UserSession>findById(hash));
        assertThat(session.expiresAt).isAfter(Instant.now().plus(Duration.ofDays(6)));
    }

    @Test
    void shouldLetOnlyAdminsLoadAndEjectModels() {
        fake.speak(dev.synin.testing.FakeServers.Dialect.LM_STUDIO_V1);
        Browser user = Browser.signedIn(base, newUser(), PASSWORD);
        user.api().get("/api/models").then().statusCode(200).body("canManage", equalTo(false));
        user.api().body(Map.of("model", "deepseek-r1-distill-qwen-7b")).post("/api/models/load").then().statusCode(403)
                .body("error.code", equalTo("forbidden"));
        user.api().body(Map.of("model", "qwen2.5-7b-instruct")).post("/api/models/eject").then().statusCode(403);
        org.assertj.core.api.Assertions.assertThat(fake.servers().loads()).isZero();

        admin.api().get("/api/models").then().statusCode(200).body("canManage", equalTo(true));
        admin.api().body(Map.of("model", "deepseek-r1-distill-qwen-7b")).post("/api/models/load").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(fake.servers().loads()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheDefaultsForNewChatsPerAccountAndDropThemWithIt() {
        String name = newUser();
        Browser laptop = Browser.signedIn(base, name, PASSWORD);
        Browser phone = Browser.signedIn(base, name, PASSWORD);
        laptop.api().body(Map.of("model", "qwen2.5-7b-instruct", "systemPrompt", "Answer in French."))
                .put("/api/me/defaults").then().statusCode(200);
        phone.api().get("/api/me/defaults").then().statusCode(200).body("model", equalTo("qwen2.5-7b-instruct"))
                .body("systemPrompt", equalTo("Answer in French.")).body("temperature", equalTo(null));
        admin.api().get("/api/me/defaults").then().statusCode(200).body("model", equalTo(null));

        long id = QuarkusTransaction.requiringNew().call(() -> AppUser.findByUsername(name).orElseThrow().id);
        admin.api().delete("/api/admin/users/" + name).then().statusCode(204);
        assertThat(QuarkusTransaction.requiringNew().call(() -> dev.synin.security.user.UserDefaults.findByUser(id))).isEmpty();
    }
}
