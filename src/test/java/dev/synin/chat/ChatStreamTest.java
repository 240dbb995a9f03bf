package dev.synin.chat;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

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
class ChatStreamTest extends SyninApiTest {

    @Test
    void shouldRelayEveryUpstreamChunkAsItsOwnEventAndStoreTheAnswer() {
        SseClient stream = browser.stream(userSays("Hi")).awaitEnd(WAIT);

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        assertThat(stream.events()).extracting(SseClient.Event::name)
                .containsExactly("start", "delta", "delta", "delta", "delta", "delta", "usage", "done");
        assertThat(stream.named("delta")).extracting(e -> e.data().path("content").asText())
                .containsExactly("Hello", "!", " How", " can I help", " you today?");
        JsonNode start = stream.named("start").get(0).data();
        assertThat(start.path("model").asText()).isEqualTo("qwen2.5-7b-instruct");
        JsonNode done = stream.named("done").get(0).data();
        assertThat(done.path("status").asText()).isEqualTo("complete");
        assertThat(done.path("finishReason").asText()).isEqualTo("stop");
        assertThat(done.path("usage").path("completionTokens").asInt()).isEqualTo(9);
        assertThat(done.path("timings").path("ttftMs").isNumber()).isTrue();

        String id = start.path("conversationId").asText();
        browser.api().get("/api/conversations/" + id).then().statusCode(200)
                .body("title", equalTo("Hi"))
                .body("messages", hasSize(2))
                .body("messages[0].role", equalTo("user"))
                .body("messages[0].content", equalTo("Hi"))
                .body("messages[1].role", equalTo("assistant"))
                .body("messages[1].content", equalTo("Hello! How can I help you today?"))
                .body("messages[1].status", equalTo("complete"))
                .body("messages[1].model", equalTo("qwen2.5-7b-instruct"))
                .body("messages[1].usage.promptTokens", equalTo(24))
                .body("messages[1].usage.completionTokens", equalTo(9));
        // The upstream was asked to stream and to report usage.
        JsonNode sent = fake.lastChatRequest().body();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void shouldDeliverTheFirstDeltaBeforeTheUpstreamHasFinished() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(10)).pace(FakeLmStudio.ms(150)));
        SseClient stream = browser.stream(userSays("Count"));

        stream.await("delta", WAIT);
        assertThat(fake.streamsFinished()).as("the upstream is still sending when the first delta arrives").isZero();
        assertThat(stream.named("done")).isEmpty();

        stream.awaitEnd(WAIT);
        List<SseClient.Event> deltas = stream.named("delta");
        assertThat(deltas).hasSize(10);
        long spreadMs = (deltas.get(9).arrivedNanos() - deltas.get(0).arrivedNanos()) / 1_000_000;
        assertThat(spreadMs).as("deltas arrive as they are produced, not in one batch").isGreaterThan(600);
    }

    @Test
    void shouldSendTheWholeStoredHistoryWithTheSystemPromptUpstream() {
        Map<String, Object> first = new HashMap<>(userSays("First question"));
        first.put("systemPrompt", "You are terse.");
        first.put("temperature", 0.3);
        first.put("maxTokens", 128);
        SseClient one = browser.stream(first).awaitEnd(WAIT);
        String id = one.named("start").get(0).data().path("conversationId").asText();

        Map<String, Object> second = new HashMap<>(userSays("Second question"));
        second.put("conversationId", id);
        browser.stream(second).awaitEnd(WAIT);

        JsonNode sent = fake.lastChatRequest().body();
        assertThat(sent.path("messages")).extracting(m -> m.path("role").asText() + ":" + m.path("content").asText())
                .containsExactly("system:You are terse.", "user:First question",
                        "assistant:Hello! How can I help you today?", "user:Second question");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(128);
        browser.api().get("/api/conversations/" + id).then().statusCode(200).body("messages", hasSize(4));
    }

    @Test
    void shouldSplitReasoningFromTheAnswer() {
        fake.enqueue(Reply.transcript("chat-stream-reasoning.sse"));
        SseClient stream = browser.stream(userSays("6 x 7?")).awaitEnd(WAIT);

        assertThat(stream.text("reasoning")).isEqualTo("The user asks for 6 times 7.");
        assertThat(stream.text("delta")).isEqualTo("6 × 7 = **42**");
        String id = stream.named("start").get(0).data().path("conversationId").asText();
        browser.api().get("/api/conversations/" + id).then()
                .body("messages[1].reasoning", equalTo("The user asks for 6 times 7."))
                .body("messages[1].content", equalTo("6 × 7 = **42**"));
    }

    @Test
    void shouldSplitAnInlineThinkBlockEvenWhenItsTagsAreCutAcrossChunks() {
        fake.enqueue(Reply.stream(List.of(
                FakeLmStudio.contentChunk("<thi"), FakeLmStudio.contentChunk("nk>Let me "),
                FakeLmStudio.contentChunk("think.</th"), FakeLmStudio.contentChunk("ink>\n\nThe answer"),
                FakeLmStudio.contentChunk(" is 4."), FakeLmStudio.finishChunk("stop"), "[DONE]")));
        SseClient stream = browser.stream(userSays("2+2?")).awaitEnd(WAIT);

        assertThat(stream.text("reasoning")).isEqualTo("Let me think.");
        assertThat(stream.text("delta")).isEqualTo("The answer is 4.");
    }

    @Test
    void shouldRelayTextThatNeedsEscapingExactly() {
        String tricky = " leading space, \"quotes\", back\\slash,\nnew line,\ttab, </script>, emoji 😀, \u0001";
        fake.enqueue(Reply.stream(List.of(FakeLmStudio.contentChunk(tricky), FakeLmStudio.finishChunk("stop"), "[DONE]")));
        SseClient stream = browser.stream(userSays("Escape me")).awaitEnd(WAIT);

        assertThat(stream.text("delta")).isEqualTo(tricky);
        browser.api().get("/api/conversations/" + stream.named("start").get(0).data().path("conversationId").asText())
                .then().body("messages[1].content", equalTo(tricky));
    }

    @Test
    void shouldAcceptLlamaCppStyleChunksWithNullContent() {
        fake.withoutNativeApi();
        fake.enqueue(Reply.stream(List.of(
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":null}],\"model\":\"llama\"}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}],\"timings\":{\"predicted_n\":1}}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}", "[DONE]")));
        SseClient stream = browser.stream(userSays("Hello")).awaitEnd(WAIT);

        assertThat(stream.text("delta")).isEqualTo("Hi");
        assertThat(stream.named("done").get(0).data().path("finishReason").asText()).isEqualTo("length");
    }
}
