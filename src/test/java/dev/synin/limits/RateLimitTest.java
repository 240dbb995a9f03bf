package dev.synin.limits;

import static io.restassured.RestAssured.given;
import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Limits are counted in Redis, so every replica sees the same counts. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(RateLimitTest.Limited.class)
class RateLimitTest extends SyninApiTest {

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synin.rate-limit.enabled", "true", "synin.rate-limit.store", "redis",
                    "synin.rate-limit.chats-per-minute", "4", "synin.rate-limit.concurrent-generations", "1");
        }
    }

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void setUp() {
        fake.reset();
        redis.key().keys("synin:*").forEach(key -> redis.key().del(key));
        browser = Browser.fresh(base);
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceTheChatsOfAMinuteAreUsed() {
        for (int i = 0; i < 4; i++) {
            browser.api().body(userSays("hi " + i)).post("/api/chat").then().statusCode(200);
        }
        Response refused = browser.api().body(userSays("one too many")).post("/api/chat");
        refused.then().statusCode(429).body("error.code", equalTo("rate_limited")).body("error.message", containsString("4 a minute"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        // The count lives in Redis, where another replica would read it.
        assertThat(redis.key().keys("synin:rl:chat:*")).isNotEmpty();
    }

    @Test
    void shouldRefuseASecondConcurrentGenerationAndReleaseTheSlotWhenTheFirstEnds() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(100)).pace(FakeLmStudio.ms(30)));
        SseClient first = browser.stream(userSays("long one"));
        String id = first.await("start", Duration.ofSeconds(10)).data().path("conversationId").asText();

        Response refused = browser.api().body(userSays("meanwhile")).post("/api/chat/stream");
        refused.then().statusCode(429).body("error.message", containsString("at most 1 at a time"));
        assertThat(refused.header("Retry-After")).isNotBlank();

        browser.api().post("/api/conversations/" + id + "/stop").then().statusCode(200);
        first.awaitEnd(Duration.ofSeconds(10));
        await("the slot is released").atMost(Duration.ofSeconds(5)).until(
                () -> browser.api().body(userSays("now")).post("/api/chat").statusCode() == 200);
    }

    @Test
    void shouldCountRejectionsInTheMetrics() {
        for (int i = 0; i < 5; i++) {
            browser.api().body(userSays("hi " + i)).post("/api/chat");
        }
        String metrics = given().port(management.getPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("synin_ratelimit_rejections_total{reason=\"chats_per_minute\"");
    }

    @Inject
    RateLimiter limiter;

    /** The per-minute window must not turn over in the middle of a test about it. */
    private static void awayFromTheMinutesEnd() throws InterruptedException {
        long second = java.time.Instant.now().getEpochSecond() % 60;
        if (second >= 55) {
            Thread.sleep((61 - second) * 1000);
        }
    }

    @Test
    void shouldGiveBackAChatTheServerNeverServed() throws InterruptedException {
        awayFromTheMinutesEnd();
        String key = "refund-" + System.nanoTime();
        for (int i = 0; i < 4; i++) {
            GenerationSlot slot = limiter.admitChat(key);
            if (i == 3) {
                slot.refund(); // the upstream was down
            } else {
                slot.release();
            }
        }
        limiter.admitChat(key).release();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limiter.admitChat(key)).isInstanceOf(RateLimitedException.class);
        assertThat(given().port(management.getPort()).get("/q/metrics").then().extract().asString()).containsPattern("synin_ratelimit_refunds_total [1-9]");
    }

    @Test
    void shouldRefundOnlyOnceAndNotAfterARelease() throws InterruptedException {
        awayFromTheMinutesEnd();
        String key = "refund-once-" + System.nanoTime();
        GenerationSlot slot = limiter.admitChat(key);
        slot.release();
        slot.refund();
        for (int i = 0; i < 3; i++) {
            limiter.admitChat(key).release();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limiter.admitChat(key)).isInstanceOf(RateLimitedException.class);
    }
}
