package dev.synin.packaged;

import static dev.synin.testing.Browser.userSays;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SseClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application (the jar by default, the native executable with -Dnative): health, models, a streamed
 * chat continued with its history, and the page.
 */
@QuarkusIntegrationTest
@WithTestResource(FakeLmStudioResource.class)
class PackagedAppIT {

    @TestHTTPResource("/")
    URI base;

    /**
     * The management port the packaged app listens on: Quarkus passes the jar a random HTTP port but no management
     * port, so it is the configured one, not the test port a {@code @TestHTTPResource(management = true)} would name.
     */
    private static int managementPort() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.port", Integer.class);
    }

    @Test
    void shouldServeHealthModelsAStreamedChatWithHistoryAndThePage() {
        given().port(managementPort()).get("/q/health/ready").then().statusCode(200);
        given().get("/api/health").then().statusCode(200).body("lmStudio.status", equalTo("up")).body("database.status", equalTo("up"));
        given().get("/api/models").then().statusCode(200).body("models", hasSize(3));

        Browser browser = Browser.fresh(base);
        SseClient first = browser.stream(userSays("Hi")).awaitEnd(Duration.ofSeconds(15));
        assertThat(first.text("delta")).isEqualTo("Hello! How can I help you today?");
        String id = first.named("start").get(0).data().path("conversationId").asText();
        Map<String, Object> next = new HashMap<>(userSays("And again"));
        next.put("conversationId", id);
        browser.stream(next).awaitEnd(Duration.ofSeconds(15));
        browser.api().get("/api/conversations/" + id).then().statusCode(200).body("messages", hasSize(4));

        String page = given().get("/").then().statusCode(200).contentType("text/html").extract().asString();
        assertThat(page).contains("<title>").doesNotContain("TemplateInstance");
    }
}
