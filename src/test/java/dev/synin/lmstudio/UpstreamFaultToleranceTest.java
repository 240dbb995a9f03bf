package dev.synin.lmstudio;

import static io.restassured.RestAssured.given;
import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;

/** A remote LM Studio that misbehaves: the breaker opens and closes, retries never start a second generation. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(UpstreamFaultToleranceTest.QuickBreaker.class)
class UpstreamFaultToleranceTest extends SyninApiTest {

    public static class QuickBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synin.breaker.failures", "2", "synin.breaker.delay-ms", "1500",
                    "synin.retry.max", "3", "synin.retry.delay-ms", "700",
                    "lm-studio.max-concurrent-generations", "1",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void shouldOpenTheBreakerOnRepeatedServerErrorsAndCloseItOnRecovery() {
        fake.enqueue(Reply.json(500, "{\"error\":\"model crashed\"}")).enqueue(Reply.json(500, "{\"error\":\"model crashed\"}"));
        for (int i = 0; i < 2; i++) {
            browser.api().body(userSays("hi")).post("/api/chat").then().statusCode(502)
                    .body("error.code", equalTo("lm_studio_error")).body("error.message", containsString("model crashed"));
        }
        assertThat(breakers.currentState("lm-studio-stream")).as("whole answers stream from the server too").isEqualTo(CircuitBreakerState.OPEN);
        int callsWhenOpened = fake.chatRequests().size();

        browser.api().body(userSays("hi")).post("/api/chat").then().statusCode(503)
                .body("error.code", equalTo("lm_studio_unavailable")).body("error.message", containsString("pauses calls"));
        assertThat(fake.chatRequests()).as("an open breaker fails fast without calling LM Studio").hasSize(callsWhenOpened);
        assertThat(given().port(management.getPort()).get("/q/metrics").then().extract().asString()).contains("ft_circuitbreaker");

        await("the breaker lets a trial call through and closes").atMost(Duration.ofSeconds(5)).until(
                () -> browser.api().body(userSays("hi")).post("/api/chat").statusCode() == 200);
        assertThat(breakers.currentState("lm-studio-stream")).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void shouldNotCountModelErrorsAgainstTheBreaker() {
        for (int i = 0; i < 3; i++) {
            fake.enqueue(Reply.json(404, FakeLmStudio.fixture("error-model-not-found.json")));
            browser.api().body(userSays("hi")).post("/api/chat/stream").then().statusCode(200);
        }
        assertThat(breakers.currentState("lm-studio-stream")).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void shouldRetryAConnectionThatCouldNotBeOpenedAndGenerateOnlyOnce() throws Exception {
        fake.goOffline();
        CompletableFuture<SseClient> stream = CompletableFuture.supplyAsync(() -> browser.stream(userSays("Are you up?")));
        Thread.sleep(300); // inside the first retry delay (700 ms)
        fake.comeBackOnline();

        SseClient answered = stream.get().awaitEnd(Duration.ofSeconds(15));
        assertThat(answered.named("error")).isEmpty();
        assertThat(answered.text("delta")).isEqualTo("Hello! How can I help you today?");
        assertThat(fake.chatRequests()).as("exactly one generation").hasSize(1);
    }

    @Test
    void shouldNeverRetryOnceTheRequestReachedTheServer() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(10)).dieAfter(0));
        SseClient stream = browser.stream(userSays("hi")).awaitEnd(Duration.ofSeconds(10));
        assertThat(stream.named("error")).hasSize(1);
        assertThat(fake.chatRequests()).as("a failure after the request was sent is not retried").hasSize(1);
    }

    @Test
    void shouldRefuseAnswersBeyondTheBulkheadWith503() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(100)).pace(FakeLmStudio.ms(30)));
        SseClient first = browser.stream(userSays("long"));
        first.await("delta", Duration.ofSeconds(10));
        String id = first.named("start").get(0).data().path("conversationId").asText();
        Browser other = Browser.fresh(base);
        other.api().body(userSays("me too")).post("/api/chat/stream").then().statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("error.message", containsString("LM_STUDIO_MAX_CONCURRENT_GENERATIONS"));
        browser.api().post("/api/conversations/" + id + "/stop").then().statusCode(200);
        first.awaitEnd(Duration.ofSeconds(10));
    }

    @Test
    void shouldSendSecurityHeadersAndACorrelationIdEverywhere() {
        browser.api().header("X-Request-Id", "trace-123").get("/api/health").then()
                .header("X-Request-Id", "trace-123")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Strict-Transport-Security", (String) null);
        browser.api().get("/api/does-not-exist").then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff").header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
        // Behind a TLS-terminating proxy (X-Forwarded-Proto: https), HSTS is sent.
        browser.api().header("X-Forwarded-Proto", "https").get("/api/health").then()
                .header("Strict-Transport-Security", containsString("max-age="));
    }

    @Test
    void shouldExposeChatMetrics() {
        browser.stream(userSays("hi")).awaitEnd(Duration.ofSeconds(10));
        String metrics = given().port(management.getPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("synin_streams_active").contains("synin_time_to_first_token_seconds_bucket")
                .contains("synin_chunks_relayed_total").contains("synin_answers_total{status=\"complete\"");
    }

    @Test
    void shouldCloseTheBreakerAnOutageOpenedAsSoonAsTheHealthProbeSeesTheServerAgain() {
        fake.goOffline();
        for (int i = 0; i < 2; i++) {
            browser.api().body(Map.of("model", "qwen2.5-7b-instruct", "messages", java.util.List.of(Map.of("role", "user", "content", "anyone?"))))
                    .post("/api/chat").then().statusCode(503);
        }
        assertThat(breakers.currentState("lm-studio-stream")).isEqualTo(CircuitBreakerState.OPEN);
        browser.api().get("/api/health").then().body("lmStudio.breakers.lm-studio-stream", equalTo("open"));

        fake.comeBackOnline();
        browser.api().get("/api/health").then().body("lmStudio.status", equalTo("up"))
                .body("lmStudio.breakers.lm-studio-stream", equalTo("closed"));
        assertThat(breakers.currentState("lm-studio-stream")).isEqualTo(CircuitBreakerState.CLOSED);
        browser.api().body(userSays("and now?")).post("/api/chat").then().statusCode(200);
    }

    @Test
    void shouldLeaveABreakerOpenedByAFailingModelToItsDelay() {
        fake.enqueue(Reply.json(500, "{\"error\":\"model crashed\"}")).enqueue(Reply.json(500, "{\"error\":\"model crashed\"}"));
        for (int i = 0; i < 2; i++) {
            browser.api().body(userSays("hi")).post("/api/chat").then().statusCode(502);
        }
        browser.api().get("/api/health").then().body("lmStudio.status", equalTo("up"));
        assertThat(breakers.currentState("lm-studio-stream")).as("the server was up all along").isEqualTo(CircuitBreakerState.OPEN);
    }

    @Test
    void shouldListModelsAgainTheMomentTheServerIsBack() {
        fake.goOffline();
        for (int i = 0; i < 5; i++) {
            browser.api().get("/api/models").then().statusCode(503);
        }
        fake.comeBackOnline();
        browser.api().get("/api/models").then().statusCode(200);
        browser.api().body(userSays("no model named")).post("/api/chat").then().statusCode(200);
    }
}
