package dev.synin.chat;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.HashMap;
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

/** Whatever goes wrong mid-answer, the user gets a clear event and the partial answer is kept. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ChatFailureTest extends SyninApiTest {

    @Test
    void shouldStopTheRunningGenerationAndKeepWhatArrived() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(200)).pace(FakeLmStudio.ms(50)));
        SseClient stream = browser.stream(userSays("Go on and on"));
        String id = conversationId(stream);
        await("two deltas").atMost(WAIT).until(() -> stream.named("delta").size() >= 2);

        browser.api().post("/api/conversations/" + id + "/stop").then().statusCode(200).body("stopped", equalTo(true));

        JsonNode done = stream.await("done", WAIT).data();
        assertThat(done.path("status").asText()).isEqualTo("stopped");
        stream.awaitEnd(WAIT);
        await("the upstream connection is closed").atMost(Duration.ofSeconds(3)).until(() -> fake.hangUps() == 1);
        browser.api().get("/api/conversations/" + id).then()
                .body("messages[1].status", equalTo("stopped"))
                .body("messages[1].content", startsWith("t0 t1 "))
                .body("generating", equalTo(false));
        // Nothing left running: a stop now reports that there was nothing to stop.
        browser.api().post("/api/conversations/" + id + "/stop").then().statusCode(200).body("stopped", equalTo(false));
    }

    @Test
    void shouldReportAnUpstreamThatDiesMidStreamAndKeepThePartialAnswer() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(20)).dieAfter(3));
        SseClient stream = browser.stream(userSays("Hi")).awaitEnd(WAIT);

        JsonNode error = stream.await("error", WAIT).data().path("error");
        assertThat(error.path("code").asText()).startsWith("lm_studio_");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(stream.text("delta")).isEqualTo("t0 t1 t2 ");
        browser.api().get("/api/conversations/" + conversationId(stream)).then()
                .body("messages[1].status", equalTo("error"))
                .body("messages[1].content", equalTo("t0 t1 t2 "))
                .body("messages[1].error.code", startsWith("lm_studio_"));
    }

    @Test
    void shouldTimeOutAnUpstreamThatGoesQuietMidStream() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(20)).stallAfter(2));
        SseClient stream = browser.stream(userSays("Hi")).awaitEnd(WAIT);

        JsonNode error = stream.await("error", WAIT).data().path("error");
        assertThat(error.path("code").asText()).isEqualTo("lm_studio_timeout");
        assertThat(stream.text("delta")).isEqualTo("t0 t1 ");
        await("the stalled upstream is hung up on").atMost(Duration.ofSeconds(3)).until(() -> fake.hangUps() == 1);
        browser.api().get("/api/conversations/" + conversationId(stream)).then()
                .body("messages[1].status", equalTo("error"))
                .body("messages[1].content", equalTo("t0 t1 "))
                .body("messages[1].error.code", equalTo("lm_studio_timeout"));
    }

    @Test
    void shouldTimeOutWhenNoFirstTokenComes() {
        fake.enqueue(Reply.silence());
        SseClient stream = browser.stream(userSays("Hi")).awaitEnd(WAIT);

        assertThat(stream.await("error", WAIT).data().path("error").path("code").asText()).isEqualTo("lm_studio_timeout");
        await("the silent upstream is hung up on").atMost(Duration.ofSeconds(3)).until(() -> fake.hangUps() == 1);
        assertThat(fake.chatRequests()).as("a timeout is never retried: it could start a second generation").hasSize(1);
    }

    @Test
    void shouldExplainWhenLmStudioIsNotRunningAndKeepTheUserMessage() {
        fake.goOffline();
        SseClient stream = browser.stream(userSays("Anyone there?")).awaitEnd(WAIT);

        JsonNode error = stream.await("error", WAIT).data().path("error");
        assertThat(error.path("code").asText()).isEqualTo("lm_studio_unavailable");
        assertThat(error.path("message").asText()).contains(fake.baseUrl()).contains("lms server start");
        browser.api().get("/api/conversations/" + conversationId(stream)).then()
                .body("messages[0].content", equalTo("Anyone there?"))
                .body("messages[1].status", equalTo("error"));

        browser.api().body(Map.of("messages", java.util.List.of(Map.of("role", "user", "content", "Hi"))))
                .post("/api/chat").then().statusCode(503)
                .body("error.code", equalTo("lm_studio_unavailable"))
                .body("error.message", containsString(fake.baseUrl()));
    }

    @Test
    void shouldPassOnLmStudiosOwnMessageForAnUnknownModel() {
        fake.enqueue(Reply.json(404, FakeLmStudio.fixture("error-model-not-found.json")));
        Map<String, Object> body = new HashMap<>(userSays("Hi"));
        body.put("model", "qwen3-72b");
        browser.api().body(body).post("/api/chat").then().statusCode(404)
                .body("error.code", equalTo("model_not_found"))
                .body("error.message", containsString("Model \"qwen3-72b\" not found"));

        fake.enqueue(Reply.json(400, "{\"error\":\"Invalid model identifier \\\"nope\\\".\"}"));
        body.put("model", "nope");
        SseClient stream = browser.stream(body).awaitEnd(WAIT);
        JsonNode error = stream.await("error", WAIT).data().path("error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_found");
        assertThat(error.path("message").asText()).contains("Invalid model identifier");
    }

    @Test
    void shouldReportAMalformedUpstreamChunkAsBadGateway() {
        fake.enqueue(Reply.stream(java.util.List.of(FakeLmStudio.contentChunk("Hel"), "{not json", "[DONE]")));
        SseClient stream = browser.stream(userSays("Hi")).awaitEnd(WAIT);

        assertThat(stream.await("error", WAIT).data().path("error").path("code").asText()).isEqualTo("lm_studio_bad_response");
        browser.api().get("/api/conversations/" + conversationId(stream)).then()
                .body("messages[1].content", equalTo("Hel"))
                .body("messages[1].error.code", equalTo("lm_studio_bad_response"));
    }

    @Test
    void shouldRefuseASecondAnswerWhileOneIsStreamingInTheSameConversation() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(100)).pace(FakeLmStudio.ms(50)));
        SseClient first = browser.stream(userSays("One"));
        String id = conversationId(first);
        Map<String, Object> again = new HashMap<>(userSays("Two"));
        again.put("conversationId", id);

        browser.api().body(again).post("/api/chat/stream").then().statusCode(409).body("error.code", equalTo("conflict"));
        browser.api().post("/api/conversations/" + id + "/stop").then().statusCode(200);
        first.awaitEnd(WAIT);
        browser.api().get("/api/conversations/" + id).then().body("messages", hasSize(2));
    }
}
