package dev.synin.ops;

import static dev.synin.testing.Browser.userSays;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.synin.testing.CuttableProxy;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** PostgreSQL goes away and comes back: clear 503s, readiness down, recovery by itself, no answer lost. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(DatabaseOutageTest.BehindProxy.class)
class DatabaseOutageTest extends SyninApiTest {

    static CuttableProxy proxy;

    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(ProxyResource.class));
        }
    }

    public static class ProxyResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            proxy = new CuttableProxy("127.0.0.1", 5432).start();
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/synin_test_outage",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2S");
        }

        @Override
        public void stop() {
            proxy.stop();
        }
    }

    @BeforeEach
    void setUp() {
        proxy.restore();
    }

    @AfterEach
    void plugBackIn() {
        proxy.restore();
    }

    @Test
    void shouldAnswer503WhileTheDatabaseIsDownAndRecoverByItself() {
        String id = browser.stream(userSays("before")).awaitEnd(Duration.ofSeconds(10)).named("start").get(0).data()
                .path("conversationId").asText();

        proxy.cut();
        browser.api().get("/api/conversations/" + id).then().statusCode(503).body("error.code", equalTo("database_unavailable"));
        browser.api().body(userSays("during")).post("/api/chat").then().statusCode(503).body("error.code", equalTo("database_unavailable"));
        given().port(management.getPort()).get("/q/health/ready").then().statusCode(503);
        given().get("/api/health").then().statusCode(200).body("database.status", equalTo("down"));

        proxy.restore();
        await("Synin serves history again").atMost(Duration.ofSeconds(15)).until(
                () -> browser.api().get("/api/conversations/" + id).statusCode() == 200);
        given().port(management.getPort()).get("/q/health/ready").then().statusCode(200);
        browser.api().get("/api/conversations/" + id).then().body("messages[0].content", equalTo("before"));
    }

    @Test
    void shouldStoreAnAnswerThatEndedWhileTheDatabaseWasAway() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(20)).pace(FakeLmStudio.ms(50)));
        SseClient stream = browser.stream(userSays("slow one"));
        String id = stream.await("start", Duration.ofSeconds(10)).data().path("conversationId").asText();
        stream.await("delta", Duration.ofSeconds(10));

        proxy.cut();
        await("the upstream finishes").atMost(Duration.ofSeconds(10)).until(() -> fake.streamsFinished() == 1);
        proxy.restore();

        stream.awaitEnd(Duration.ofSeconds(30));
        assertThat(stream.named("done")).hasSize(1);
        browser.api().get("/api/conversations/" + id).then().statusCode(200)
                .body("messages[1].status", equalTo("complete"))
                .body("messages[1].content", equalTo(expectedAnswer(20)));
    }

    private static String expectedAnswer(int tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            text.append('t').append(i).append(' ');
        }
        return text.toString();
    }
}
