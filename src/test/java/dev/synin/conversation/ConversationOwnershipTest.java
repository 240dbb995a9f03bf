package dev.synin.conversation;

import static dev.synin.testing.Browser.userSays;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Another owner's conversation is answered exactly like a missing one, on every endpoint. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ConversationOwnershipTest extends SyninApiTest {

    Browser alice;
    Browser mallory;
    String aliceConversation;

    @BeforeEach
    void setUp() {
        fake.reset();
        alice = Browser.fresh(base);
        mallory = Browser.fresh(base);
        aliceConversation = alice.stream(userSays("Alice's secret")).awaitEnd(Duration.ofSeconds(10))
                .named("start").get(0).data().path("conversationId").asText();
    }

    @Test
    void shouldIssueAnHttpOnlySameSiteOwnerCookieWithAtLeast128RandomBits() {
        String setCookie = io.restassured.RestAssured.given().baseUri(base.toString()).get("/api/conversations")
                .then().extract().header("Set-Cookie");
        org.assertj.core.api.Assertions.assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/");
        String value = setCookie.split(";", 2)[0].split("=", 2)[1];
        org.assertj.core.api.Assertions.assertThat(value.length() * 6).isGreaterThanOrEqualTo(128);
        // A visitor that already has one keeps it.
        alice.api().get("/api/conversations").then().header("Set-Cookie", (String) null);
    }

    @Test
    void shouldHideAnotherOwnersConversationOnEveryEndpoint() {
        String path = "/api/conversations/" + aliceConversation;
        String missing = "/api/conversations/" + UUID.randomUUID();
        for (String target : new String[] { path, missing }) {
            mallory.api().get(target).then().statusCode(404).body("error.code", equalTo("not_found"));
            mallory.api().body(Map.of("title", "pwned")).patch(target).then().statusCode(404);
            mallory.api().post(target + "/stop").then().statusCode(404);
            mallory.api().delete(target + "/messages").then().statusCode(404);
            mallory.api().get(target + "/export?format=json").then().statusCode(404);
            mallory.api().delete(target).then().statusCode(404);
            Map<String, Object> chat = new HashMap<>(userSays("let me in"));
            chat.put("conversationId", target.substring(target.lastIndexOf('/') + 1));
            mallory.api().body(chat).post("/api/chat").then().statusCode(404);
            mallory.api().body(chat).post("/api/chat/stream").then().statusCode(404);
        }
        mallory.api().get("/api/conversations").then().statusCode(200).body("items", hasSize(0));
        mallory.api().get("/api/conversations?q=secret").then().statusCode(200).body("items", hasSize(0));

        alice.api().get(path).then().statusCode(200).body("title", equalTo("Alice's secret")).body("messages", hasSize(2));
    }
}
