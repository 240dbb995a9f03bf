package dev.synin.chat;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Json;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An answer is generated on the server and outlives the connection that asked for it; any tab can follow it. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class AnswerLifetimeTest extends SyninApiTest {

    /** What {@code FakeLmStudio.numberedAnswer(40)} says: "t0 t1 ... t39 ". */
    private static final String WHOLE_ANSWER = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "t" + i + " ")
            .collect(java.util.stream.Collectors.joining());

    @Test
    void shouldKeepGeneratingWhenTheClientLeavesAndStoreTheWholeAnswer() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(40)).pace(FakeLmStudio.ms(20)));
        SseClient stream = browser.stream(userSays("Tell me a story"));
        String id = conversationId(stream);
        await("three deltas").atMost(WAIT).until(() -> stream.named("delta").size() >= 3);

        stream.close();

        await("the answer is stored complete").atMost(WAIT).until(() -> "complete".equals(
                browser.api().get("/api/conversations/" + id).then().extract().path("messages[1].status")));
        browser.api().get("/api/conversations/" + id).then().body("messages[1].content", equalTo(WHOLE_ANSWER));
        assertThat(fake.hangUps()).as("nobody hung up on the server").isZero();
    }

    @Test
    void shouldResumeAfterTheLastEventSeenWithNoGapAndNoDuplicate() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(40)).pace(FakeLmStudio.ms(20)));
        SseClient first = browser.stream(userSays("Count"));
        String id = conversationId(first);
        await("five deltas").atMost(WAIT).until(() -> first.named("delta").size() >= 5);
        first.close();
        String seen = first.text("delta");
        String lastId = first.lastId();
        assertThat(lastId).startsWith(first.named("start").get(0).data().path("assistantMessageId").asText() + ":");

        SseClient resumed = browser.follow(id, lastId).awaitEnd(WAIT);

        assertThat(resumed.named("start")).as("the answer is not restarted").isEmpty();
        assertThat(seen + resumed.text("delta")).isEqualTo(WHOLE_ANSWER);
        assertThat(resumed.await("done", WAIT).data().path("status").asText()).isEqualTo("complete");
    }

    @Test
    void shouldLetAnotherTabFollowTheSameAnswerTokenByToken() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(40)).pace(FakeLmStudio.ms(20)));
        SseClient asker = browser.stream(userSays("Count"));
        String id = conversationId(asker);

        SseClient otherTab = browser.follow(id, null);
        await("the other tab receives deltas while the answer is generated").atMost(WAIT).until(
                () -> otherTab.named("delta").size() >= 3);
        assertThat(asker.named("done")).as("still being generated while the other tab follows").isEmpty();
        otherTab.awaitEnd(WAIT);
        asker.awaitEnd(WAIT);

        assertThat(otherTab.named("start")).hasSize(1);
        assertThat(otherTab.text("delta")).isEqualTo(WHOLE_ANSWER);
        assertThat(asker.text("delta")).isEqualTo(WHOLE_ANSWER);
        assertThat(otherTab.named("delta").size()).as("followed live, not replayed in one piece").isGreaterThan(3);
    }

    @Test
    void shouldAnswerAtOnceWithTheStoredAnswerWhenNothingIsBeingGenerated() {
        SseClient asked = browser.stream(userSays("Hi")).awaitEnd(WAIT);
        String id = conversationId(asked);
        // Past the retention the answer is read back from the database: the same events, without ids.
        SseClient replay = browser.follow(id, null).awaitEnd(WAIT);

        assertThat(replay.named("start")).hasSize(1);
        assertThat(replay.text("delta")).isEqualTo(asked.text("delta")).isNotEmpty();
        assertThat(replay.await("done", WAIT).data().path("status").asText()).isEqualTo("complete");
    }

    @Test
    void shouldHideAnotherOwnersAnswer() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(40)).pace(FakeLmStudio.ms(20)));
        SseClient stream = browser.stream(userSays("Mine"));
        String id = conversationId(stream);

        SseClient stranger = Browser.fresh(base).follow(id, null).awaitEnd(WAIT);

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.named("delta")).isEmpty();
        browser.api().post("/api/conversations/" + id + "/stop");
        stream.awaitEnd(WAIT);
    }

    @Test
    void shouldRefuseAMalformedEventId() {
        String id = conversationId(browser.stream(userSays("Hi")).awaitEnd(WAIT));
        assertThat(browser.follow(id, "not-an-id").awaitEnd(WAIT).status()).isEqualTo(400);
        browser.api().get("/api/conversations/" + id + "/stream?after=-3").then().statusCode(400).body("error.code", equalTo("bad_request"));
    }

    @Test
    void shouldStoreAStreamThatEndsWithoutFinishReasonAsInterrupted() {
        fake.enqueue(Reply.stream(List.of(FakeLmStudio.contentChunk("Half "), FakeLmStudio.contentChunk("an answer"))));
        SseClient stream = browser.stream(userSays("Hi")).awaitEnd(WAIT);

        JsonNode done = stream.await("done", WAIT).data();
        assertThat(done.path("status").asText()).isEqualTo("interrupted");
        assertThat(done.path("reason").asText()).contains("closed the connection");
        browser.api().get("/api/conversations/" + conversationId(stream)).then()
                .body("messages[1].status", equalTo("interrupted"))
                .body("messages[1].content", equalTo("Half an answer"));
    }

    @Test
    void shouldStoreAnErrorChunkAsAnErrorWhateverFollows() {
        fake.enqueue(Reply.stream(List.of(FakeLmStudio.contentChunk("Hel"), "{\"error\":{\"message\":\"The model crashed\"}}",
                FakeLmStudio.finishChunk("stop"), "[DONE]")));
        SseClient stream = browser.stream(userSays("Hi")).awaitEnd(WAIT);

        JsonNode error = stream.await("error", WAIT).data().path("error");
        assertThat(error.path("code").asText()).isEqualTo("lm_studio_error");
        assertThat(error.path("message").asText()).contains("The model crashed");
        assertThat(stream.named("done")).isEmpty();
        browser.api().get("/api/conversations/" + conversationId(stream)).then()
                .body("messages[1].status", equalTo("error"))
                .body("messages[1].content", equalTo("Hel"))
                .body("messages[1].error.message", org.hamcrest.Matchers.containsString("The model crashed"));
    }

    @Test
    void shouldStopAWholeAnswerAndCloseTheUpstream() throws Exception {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(400)).pace(FakeLmStudio.ms(20)));
        java.util.concurrent.CompletableFuture<io.restassured.response.Response> whole = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> browser.api().body(userSays("Go on")).post("/api/chat"));
        await("the upstream streams").atMost(WAIT).until(() -> fake.streamsStarted() == 1);
        String id = browser.api().get("/api/conversations").then().extract().path("items[0].id");

        browser.api().post("/api/conversations/" + id + "/stop").then().statusCode(200).body("stopped", equalTo(true));

        io.restassured.response.Response response = whole.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("message.status")).isEqualTo("stopped");
        await("the upstream connection is closed").atMost(Duration.ofSeconds(3)).until(() -> fake.hangUps() == 1);
    }

    @Test
    void shouldCloseTheUpstreamWhenTheClientOfAWholeAnswerHangsUp() throws Exception {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(1000)).pace(FakeLmStudio.ms(20)));
        byte[] body = Json.write(userSays("Go on")).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/chat HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "X-Requested-With: synin\r\nCookie: " + browser.cookie() + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            await("the upstream streams").atMost(WAIT).until(() -> fake.streamsStarted() == 1);
        }
        int before = fake.hangUps(); // a stream of an earlier test may be let go late: count from here

        // Noticed at the next write after the close: the spaces sent every second while the answer is generated (a
        // generous bound: on a loaded machine the close takes a few writes to surface; this checks that, not speed).
        await("the upstream connection is closed").atMost(Duration.ofSeconds(15)).until(() -> fake.hangUps() > before);
        String id = browser.api().get("/api/conversations").then().extract().path("items[0].id");
        await("the answer is stored as interrupted").atMost(WAIT).until(() -> "interrupted".equals(
                browser.api().get("/api/conversations/" + id).then().extract().path("messages[1].status")));
    }

    @Test
    void shouldStopTheAnswerWhenItsConversationIsDeleted() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(400)).pace(FakeLmStudio.ms(20)));
        SseClient stream = browser.stream(userSays("Go on"));
        String id = conversationId(stream);
        await("two deltas").atMost(WAIT).until(() -> stream.named("delta").size() >= 2);

        browser.api().delete("/api/conversations/" + id).then().statusCode(204);

        await("the upstream connection is closed").atMost(Duration.ofSeconds(3)).until(() -> fake.hangUps() == 1);
        stream.awaitEnd(WAIT);
        assertThat(stream.await("done", WAIT).data().path("status").asText()).isEqualTo("stopped");
    }
}
