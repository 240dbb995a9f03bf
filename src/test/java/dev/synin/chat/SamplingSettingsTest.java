package dev.synin.chat;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Top P, top K, min P, repeat penalty, seed and stop: validated, sent only when set, kept per conversation. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class SamplingSettingsTest extends SyninApiTest {

    private static final Map<String, Object> SAMPLING = Map.of("topP", 0.9, "topK", 40, "minP", 0.05, "repeatPenalty", 1.1,
            "seed", 42, "stop", List.of("\n\nUser:", "###"));

    private JsonNode sent() {
        return fake.lastChatRequest().body();
    }

    @Test
    void shouldSendTheSamplingSettingsUnderTheirUpstreamNamesAndKeepThem() {
        Map<String, Object> body = new HashMap<>(userSays("Hi"));
        body.put("sampling", SAMPLING);
        String id = conversationId(browser.stream(body).awaitEnd(WAIT));

        assertThat(sent().path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent().path("top_k").asInt()).isEqualTo(40);
        assertThat(sent().path("min_p").asDouble()).isEqualTo(0.05);
        assertThat(sent().path("repeat_penalty").asDouble()).isEqualTo(1.1);
        assertThat(sent().path("seed").asLong()).isEqualTo(42);
        assertThat(sent().path("stop").toString()).isEqualTo("[\"\\n\\nUser:\",\"###\"]");
        browser.api().get("/api/conversations/" + id).then().body("sampling.topK", equalTo(40)).body("sampling.stop[1]", equalTo("###"));

        Map<String, Object> next = new HashMap<>(userSays("Again"));
        next.put("conversationId", id);
        browser.stream(next).awaitEnd(WAIT);
        assertThat(sent().path("top_k").asInt()).as("kept by the conversation").isEqualTo(40);

        browser.api().body(Map.of("sampling", Map.of("seed", 7))).patch("/api/conversations/" + id).then().statusCode(200)
                .body("sampling.seed", equalTo(7)).body("sampling.topK", nullValue());
        browser.stream(next).awaitEnd(WAIT);
        assertThat(sent().path("seed").asLong()).isEqualTo(7);
        assertThat(sent().has("top_k")).as("a replaced set sends only what it holds").isFalse();

        browser.api().body(Map.of("sampling", Map.of())).patch("/api/conversations/" + id).then().statusCode(200)
                .body("sampling", nullValue());
        browser.stream(next).awaitEnd(WAIT);
        assertThat(sent().has("seed")).isFalse();
    }

    @Test
    void shouldSendNoSamplingOptionWhenNoneIsSet() {
        browser.stream(userSays("Hi")).awaitEnd(WAIT);
        for (String option : List.of("top_p", "top_k", "min_p", "repeat_penalty", "seed", "stop")) {
            assertThat(sent().has(option)).as(option).isFalse();
        }
    }

    @Test
    void shouldRefuseOutOfRangeSettingsNamingTheField() {
        Map<String, Object> body = new HashMap<>(userSays("Hi"));
        body.put("sampling", Map.of("topP", 1.5));
        browser.api().body(body).post("/api/chat").then().statusCode(400).body("error.message", containsString("topP"));
        body.put("sampling", Map.of("stop", List.of("a", "b", "c", "d", "e")));
        browser.api().body(body).post("/api/chat").then().statusCode(400).body("error.message", containsString("stop"));
        body.put("sampling", Map.of("topK", 0));
        browser.api().body(body).post("/api/chat").then().statusCode(400).body("error.message", containsString("topK"));
        assertThat(fake.chatRequests()).isEmpty();
        browser.api().body(Map.of("sampling", Map.of("repeatPenalty", 9))).patch("/api/conversations/" + java.util.UUID.randomUUID())
                .then().statusCode(400).body("error.message", containsString("repeatPenalty"));
    }
}
