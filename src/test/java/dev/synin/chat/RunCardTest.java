package dev.synin.chat;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.FakeServers;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The run card of an answer: the model facts, the sampling settings actually sent, and the server's own figures,
 * with the speed marked as the server's or as estimated, and never a chunk count given as tokens.
 */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class RunCardTest extends SyninApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** llama-server's last chunk: the finish reason and its {@code timings} (20 prompt tokens from its cache). */
    private static String llamaTimingsChunk() {
        ObjectNode chunk = (ObjectNode) read(FakeLmStudio.finishChunk("stop"));
        chunk.putObject("timings").put("prompt_n", 12).put("prompt_ms", 30.5).put("prompt_per_second", 393.4)
                .put("predicted_n", 5).put("predicted_ms", 120.2).put("predicted_per_second", 41.63).put("cache_n", 20);
        return chunk.toString();
    }

    /** An OpenAI-style usage chunk that says how much of the prompt was cached. */
    private static String usageWithCachedTokens(int prompt, int completion, int cached) {
        ObjectNode chunk = (ObjectNode) read(FakeLmStudio.usageChunk(prompt, completion));
        ((ObjectNode) chunk.path("usage")).putObject("prompt_tokens_details").put("cached_tokens", cached);
        return chunk.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode messages(String conversationId) {
        return read(browser.api().get("/api/conversations/" + conversationId).then().statusCode(200).extract().asString()).path("messages");
    }

    @Test
    void shouldKeepTheServersOwnSpeedCacheAndTheSettingsSent() {
        fake.speak(FakeServers.Dialect.LM_STUDIO_V1);
        browser.api().get("/api/models").then().statusCode(200); // the listing with quantization and loaded context
        fake.enqueue(Reply.stream(List.of(FakeLmStudio.contentChunk("Hello"), FakeLmStudio.contentChunk(" there"),
                llamaTimingsChunk(), "[DONE]")));
        Map<String, Object> body = new HashMap<>(userSays("Hi"));
        body.put("temperature", 0.3);
        body.put("maxTokens", 256);
        body.put("sampling", Map.of("topP", 0.9, "seed", 42));
        String id = conversationId(browser.stream(body).awaitEnd(WAIT));

        JsonNode messages = messages(id);
        assertThat(messages.path(0).path("runCard").isNull()).as("a question has no run card").isTrue();
        JsonNode card = messages.path(1).path("runCard");
        assertThat(card.path("model").asText()).isEqualTo("qwen2.5-7b-instruct");
        assertThat(card.path("quantization").asText()).isEqualTo("Q4_K_M");
        assertThat(card.path("contextLength").asInt()).as("the loaded instance's window").isEqualTo(4096);
        assertThat(card.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(card.path("maxTokens").asInt()).isEqualTo(256);
        assertThat(card.path("sampling").path("topP").asDouble()).isEqualTo(0.9);
        assertThat(card.path("sampling").path("seed").asLong()).isEqualTo(42);
        assertThat(card.path("sampling").has("topK")).as("only what was sent").isFalse();
        assertThat(card.path("tokensPerSecond").asDouble()).isEqualTo(41.6);
        assertThat(card.path("speedSource").asText()).isEqualTo("server");
        assertThat(card.path("stopReason").asText()).isEqualTo("stop");
        assertThat(card.path("promptTokens").asInt()).as("processed plus cached").isEqualTo(32);
        assertThat(card.path("cachedPromptTokens").asInt()).isEqualTo(20);
        assertThat(card.path("completionTokens").asInt()).isEqualTo(5);
        assertThat(card.path("ttftMs").isNumber()).isTrue();
        assertThat(card.path("chunks").asInt()).isEqualTo(2);
        assertThat(fake.lastChatRequest().body().path("temperature").asDouble()).as("what the card says was sent").isEqualTo(0.3);
    }

    @Test
    void shouldMarkASpeedMeasuredBySyninAsEstimated() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(FakeLmStudio.contentChunk("t" + i + " "));
        }
        events.add(FakeLmStudio.finishChunk("length"));
        events.add(usageWithCachedTokens(30, 4, 16));
        events.add("[DONE]");
        fake.enqueue(Reply.stream(events).pace(FakeLmStudio.ms(20)));
        String id = conversationId(browser.stream(userSays("Hi")).awaitEnd(WAIT));

        JsonNode card = messages(id).path(1).path("runCard");
        assertThat(card.path("speedSource").asText()).isEqualTo("estimated");
        assertThat(card.path("tokensPerSecond").asDouble()).isPositive();
        assertThat(card.path("stopReason").asText()).isEqualTo("length");
        assertThat(card.path("promptTokens").asInt()).isEqualTo(30);
        assertThat(card.path("cachedPromptTokens").asInt()).isEqualTo(16);
        assertThat(card.path("completionTokens").asInt()).isEqualTo(4);
        assertThat(card.has("sampling")).as("no sampling setting was sent").isFalse();
    }

    @Test
    void shouldNeverCallTheChunksOfAStoppedAnswerTokens() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(200)).pace(FakeLmStudio.ms(50)));
        SseClient stream = browser.stream(userSays("Go on and on"));
        String id = conversationId(stream);
        await("three deltas").atMost(WAIT).until(() -> stream.named("delta").size() >= 3);
        browser.api().post("/api/conversations/" + id + "/stop").then().statusCode(200).body("stopped", equalTo(true));
        stream.awaitEnd(WAIT);

        JsonNode answer = messages(id).path(1);
        JsonNode card = answer.path("runCard");
        assertThat(card.path("stopReason").asText()).isEqualTo("stopped");
        assertThat(card.path("chunks").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(card.has("completionTokens")).as("the server gave no count").isFalse();
        assertThat(card.has("tokensPerSecond")).as("no speed from chunks").isFalse();
        assertThat(card.has("speedSource")).isFalse();
        assertThat(answer.path("usage").path("completionTokens").isNull()).isTrue();
    }
}
