package dev.synin.conversation;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ConversationApiTest extends SyninApiTest {

    private String chat(String text) {
        return browser.stream(userSays(text)).awaitEnd(WAIT).named("start").get(0).data().path("conversationId").asText();
    }

    @Test
    void shouldAnswerWithoutStreamingAndStoreTheTurn() {
        browser.api().body(userSays("Hi")).post("/api/chat").then().statusCode(200)
                .body("message.role", equalTo("assistant"))
                .body("message.content", equalTo("Hello! How can I help you today?"))
                .body("message.model", equalTo("qwen2.5-7b-instruct"))
                .body("message.finishReason", equalTo("stop"))
                .body("message.status", equalTo("complete"))
                .body("message.usage.promptTokens", equalTo(24))
                .body("message.usage.completionTokens", equalTo(9))
                .body("message.timings.totalMs", org.hamcrest.Matchers.notNullValue())
                .body("historyTrimmed", equalTo(false));
        // Synin streams from the server even here: closing that stream is how Stop and a hang-up end the generation.
        assertThat(fake.lastChatRequest().body().path("stream").asBoolean()).isTrue();
    }

    @Test
    void shouldListNewestFirstWithPagingAndSearch() {
        String first = chat("Plan a trip to Lisbon");
        String second = chat("Explain monads");
        browser.api().get("/api/conversations?size=1").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(second)).body("total", equalTo(2));
        browser.api().get("/api/conversations?size=1&page=1").then().body("items[0].id", equalTo(first));
        browser.api().get("/api/conversations?q=lisbon").then().body("items", hasSize(1)).body("items[0].id", equalTo(first));
        // Search reaches message content too: the fake's answer is in both.
        browser.api().get("/api/conversations?q=help you today").then().body("items", hasSize(2));
        browser.api().get("/api/conversations?size=0").then().statusCode(400);
    }

    @Test
    void shouldRenameAndChangeSettingsThatReachTheNextRequest() {
        String id = chat("Hello");
        browser.api().body(Map.of("title", "Greetings", "model", "deepseek-r1-distill-qwen-7b", "temperature", 1.2,
                "maxTokens", 64, "systemPrompt", "Speak like a pirate.")).patch("/api/conversations/" + id).then().statusCode(200)
                .body("title", equalTo("Greetings")).body("temperature", equalTo(1.2f));
        browser.api().body(Map.of("temperature", 5)).patch("/api/conversations/" + id).then().statusCode(400);
        browser.api().body(Map.of("maxTokens", -1)).patch("/api/conversations/" + id).then().statusCode(400);

        Map<String, Object> next = new HashMap<>(userSays("Again"));
        next.put("conversationId", id);
        browser.stream(next).awaitEnd(WAIT);
        JsonNode sent = fake.lastChatRequest().body();
        assertThat(sent.path("model").asText()).isEqualTo("deepseek-r1-distill-qwen-7b");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(1.2);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("Speak like a pirate.");

        // maxTokens 0 clears the limit: the next request leaves max_tokens to the server.
        browser.api().body(Map.of("maxTokens", 0)).patch("/api/conversations/" + id).then().statusCode(200)
                .body("maxTokens", nullValue());
        browser.stream(next).awaitEnd(WAIT);
        assertThat(fake.lastChatRequest().body().has("max_tokens")).isFalse();
    }

    @Test
    void shouldClearAndDelete() {
        String id = chat("To be forgotten");
        browser.api().delete("/api/conversations/" + id + "/messages").then().statusCode(204);
        browser.api().get("/api/conversations/" + id).then().statusCode(200).body("messages", hasSize(0));
        browser.api().delete("/api/conversations/" + id).then().statusCode(204);
        browser.api().get("/api/conversations/" + id).then().statusCode(404);
    }

    @Test
    void shouldRegenerateTheLastAnswer() {
        String id = chat("Tell me a joke");
        fake.enqueue(Reply.stream(List.of(FakeLmStudio.contentChunk("A better joke."), FakeLmStudio.finishChunk("stop"), "[DONE]")));
        Map<String, Object> again = new HashMap<>();
        again.put("conversationId", id);
        again.put("regenerate", true);
        again.put("messages", List.of());
        browser.stream(again).awaitEnd(WAIT);

        browser.api().get("/api/conversations/" + id).then().body("messages", hasSize(2))
                .body("messages[0].content", equalTo("Tell me a joke"))
                .body("messages[1].content", equalTo("A better joke."));
        assertThat(fake.lastChatRequest().body().path("messages")).hasSize(1);
    }

    @Test
    void shouldReleaseAnAnswerLeftStreamingByAReplicaThatDied() {
        String id = chat("Hello");
        // As if the replica generating the answer had died five minutes ago, leaving the row STREAMING.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> Message.update(
                "status = ?1, updatedAt = ?2 where conversationId = ?3 and role = ?4", MessageStatus.STREAMING,
                java.time.Instant.now().minusSeconds(300), java.util.UUID.fromString(id), MessageRole.ASSISTANT));
        browser.api().get("/api/conversations/" + id).then().body("generating", equalTo(true));

        Map<String, Object> again = new HashMap<>();
        again.put("conversationId", id);
        again.put("regenerate", true);
        again.put("messages", List.of());
        SseClient stream = browser.stream(again).awaitEnd(WAIT);

        assertThat(stream.named("done")).hasSize(1);
        browser.api().get("/api/conversations/" + id).then().body("messages", hasSize(2))
                .body("messages[1].status", equalTo("complete")).body("generating", equalTo(false));
    }

    @Test
    void shouldAnswerAnEditedMessageOnANewBranch() {
        String id = chat("First");
        Map<String, Object> second = new HashMap<>(userSays("Second"));
        second.put("conversationId", id);
        browser.stream(second).awaitEnd(WAIT);
        String firstUserId = browser.api().get("/api/conversations/" + id).then().extract().path("messages[0].id");

        Map<String, Object> edit = new HashMap<>(userSays("First, rephrased"));
        edit.put("conversationId", id);
        edit.put("editMessageId", firstUserId);
        browser.stream(edit).awaitEnd(WAIT);

        browser.api().get("/api/conversations/" + id).then().body("messages", hasSize(2))
                .body("messages[0].content", equalTo("First, rephrased"));
        assertThat(fake.lastChatRequest().body().path("messages")).hasSize(1);
    }

    @Test
    void shouldExportMarkdownAndJson() {
        String id = chat("Export me");
        String markdown = browser.api().get("/api/conversations/" + id + "/export?format=markdown").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        assertThat(markdown).contains("# Export me").contains("## You").contains("Hello! How can I help you today?");
        browser.api().get("/api/conversations/" + id + "/export?format=json").then().statusCode(200)
                .body("messages", hasSize(2)).body("messages[1].error", nullValue());
        browser.api().get("/api/conversations/" + id + "/export?format=pdf").then().statusCode(400);
    }

    @Test
    void shouldTrimTheOldestTurnsToFitTheModelsContextAndSaySo() {
        // qwen2.5-7b-instruct has a 32768-token context in the fake's /api/v0/models.
        String big = "word ".repeat(14_000); // about 17,500 estimated tokens
        Map<String, Object> body = new HashMap<>();
        body.put("systemPrompt", "Be brief.");
        body.put("messages", List.of(
                Map.of("role", "user", "content", big), Map.of("role", "assistant", "content", "ok"),
                Map.of("role", "user", "content", big), Map.of("role", "assistant", "content", "ok"),
                Map.of("role", "user", "content", "And now?")));
        SseClient stream = browser.stream(body).awaitEnd(WAIT);

        JsonNode start = stream.named("start").get(0).data();
        assertThat(start.path("historyTrimmed").asBoolean()).isTrue();
        assertThat(start.path("droppedMessages").asInt()).isEqualTo(2);
        JsonNode sent = fake.lastChatRequest().body().path("messages");
        assertThat(sent).extracting(m -> m.path("role").asText()).containsExactly("system", "user", "assistant", "user");
        assertThat(sent.get(3).path("content").asText()).isEqualTo("And now?");
        // Everything is still stored.
        browser.api().get("/api/conversations/" + start.path("conversationId").asText()).then().body("messages", hasSize(6));
    }
}
