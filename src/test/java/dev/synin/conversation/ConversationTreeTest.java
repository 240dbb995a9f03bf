package dev.synin.conversation;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Regenerate, Edit and Retry add versions instead of deleting; the branch shown is the branch sent. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ConversationTreeTest extends SyninApiTest {

    private static Reply says(String text) {
        return Reply.stream(List.of(FakeLmStudio.contentChunk(text), FakeLmStudio.finishChunk("stop"), "[DONE]"));
    }

    private String start(String question, String answer) {
        fake.enqueue(says(answer));
        return browser.stream(userSays(question)).awaitEnd(WAIT).named("start").get(0).data().path("conversationId").asText();
    }

    private SseClient turn(String id, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("conversationId", id);
        body.putIfAbsent("messages", List.of());
        return browser.stream(body).awaitEnd(WAIT);
    }

    private SseClient ask(String id, String question, String answer) {
        fake.enqueue(says(answer));
        return turn(id, Map.of("messages", List.of(Map.of("role", "user", "content", question))));
    }

    private JsonPath detail(String id) {
        return browser.api().get("/api/conversations/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath show(String id, String messageId) {
        return browser.api().body(Map.of("messageId", messageId)).put("/api/conversations/" + id + "/current").then()
                .statusCode(200).extract().jsonPath();
    }

    private static List<String> contents(JsonPath conversation) {
        return conversation.getList("messages.content");
    }

    private List<String> sentContents() {
        List<String> sent = new ArrayList<>();
        fake.lastChatRequest().body().path("messages").forEach(m -> sent.add(m.path("role").asText() + ":" + m.path("content").asText()));
        return sent;
    }

    @Test
    void shouldKeepEveryRegeneratedAnswerAndSwitchBetweenThem() {
        String id = start("Tell me a joke", "Joke one.");
        fake.enqueue(says("Joke two."));
        turn(id, Map.of("regenerate", true));
        fake.enqueue(says("Joke three."));
        turn(id, Map.of("regenerate", true));

        JsonPath shown = detail(id);
        assertThat(contents(shown)).containsExactly("Tell me a joke", "Joke three.");
        List<String> versions = shown.getList("messages[1].siblingIds");
        assertThat(versions).hasSize(3);
        assertThat(shown.getInt("messageCount")).isEqualTo(4);
        assertThat(sentContents()).as("a regenerated answer is asked from the question alone").containsExactly("user:Tell me a joke");

        assertThat(contents(show(id, versions.get(0)))).containsExactly("Tell me a joke", "Joke one.");
        assertThat(contents(show(id, versions.get(1)))).containsExactly("Tell me a joke", "Joke two.");
        assertThat(contents(detail(id))).as("the branch shown is kept (a reload shows it)").containsExactly("Tell me a joke", "Joke two.");
        assertThat(contents(show(id, versions.get(2)))).containsExactly("Tell me a joke", "Joke three.");
    }

    @Test
    void shouldEditAnEarlyQuestionAsANewVersionAndKeepTheOldBranchWhole() {
        String id = start("First", "Answer one.");
        ask(id, "Second", "Answer two.");
        JsonPath before = detail(id);
        String firstQuestion = before.getString("messages[0].id");

        fake.enqueue(says("Answer to the rephrased one."));
        turn(id, Map.of("editMessageId", firstQuestion, "messages", List.of(Map.of("role", "user", "content", "First, rephrased"))));

        JsonPath edited = detail(id);
        assertThat(contents(edited)).containsExactly("First, rephrased", "Answer to the rephrased one.");
        assertThat(edited.getList("messages[0].siblingIds")).hasSize(2).contains(firstQuestion);
        assertThat(sentContents()).containsExactly("user:First, rephrased");

        JsonPath old = show(id, firstQuestion);
        assertThat(contents(old)).as("the old branch, down to its last answer").containsExactly("First", "Answer one.", "Second", "Answer two.");

        ask(id, "Third", "Answer three.");
        assertThat(sentContents()).as("the next question continues the branch shown, and only it").containsExactly(
                "user:First", "assistant:Answer one.", "user:Second", "assistant:Answer two.", "user:Third");
        assertThat(contents(show(id, edited.getString("messages[0].id")))).containsExactly("First, rephrased", "Answer to the rephrased one.");
    }

    @Test
    void shouldFollowTheMessageTheClientShowsWhenItNamesTheParent() {
        String id = start("Question", "Answer A.");
        fake.enqueue(says("Answer B."));
        turn(id, Map.of("regenerate", true));
        String answerA = detail(id).getList("messages[1].siblingIds").get(0).toString();

        fake.enqueue(says("Follow-up answer."));
        turn(id, Map.of("parentMessageId", answerA, "messages", List.of(Map.of("role", "user", "content", "Follow-up"))));

        assertThat(sentContents()).containsExactly("user:Question", "assistant:Answer A.", "user:Follow-up");
        assertThat(contents(detail(id))).containsExactly("Question", "Answer A.", "Follow-up", "Follow-up answer.");
    }

    @Test
    void shouldBranchIntoANewChatHoldingThePathToAMessage() {
        String id = start("One", "Uno.");
        ask(id, "Two", "Dos.");
        String firstAnswer = detail(id).getString("messages[1].id");

        String copy = browser.api().body(Map.of("messageId", firstAnswer)).post("/api/conversations/" + id + "/fork").then()
                .statusCode(201).body("title", equalTo("One (branch)")).extract().path("id");

        JsonPath branched = detail(copy);
        assertThat(contents(branched)).containsExactly("One", "Uno.");
        assertThat(branched.getString("messages[0].id")).isNotEqualTo(detail(id).getString("messages[0].id"));
        assertThat(contents(detail(id))).as("the original is untouched").containsExactly("One", "Uno.", "Two", "Dos.");

        ask(copy, "Three", "Tres.");
        assertThat(sentContents()).containsExactly("user:One", "assistant:Uno.", "user:Three");
        browser.api().body(Map.of("messageId", java.util.UUID.randomUUID().toString())).post("/api/conversations/" + id + "/fork")
                .then().statusCode(404);
    }

    @Test
    void shouldContinueAnAnswerCutOffByMaxTokensIntoTheSameMessage() {
        fake.enqueue(Reply.stream(List.of(FakeLmStudio.contentChunk("Once upon a"), FakeLmStudio.usageChunk(10, 3),
                FakeLmStudio.finishChunk("length"), "[DONE]")));
        String id = browser.stream(userSays("Tell a story")).awaitEnd(WAIT).named("start").get(0).data().path("conversationId").asText();
        JsonPath cut = detail(id);
        String answer = cut.getString("messages[1].id");
        assertThat(cut.getString("messages[1].finishReason")).isEqualTo("length");

        fake.enqueue(Reply.stream(List.of(FakeLmStudio.contentChunk(" time, the end."), FakeLmStudio.usageChunk(14, 4),
                FakeLmStudio.finishChunk("stop"), "[DONE]")));
        SseClient continued = turn(id, Map.of("continueMessageId", answer));

        JsonNode sent = fake.lastChatRequest().body().path("messages");
        assertThat(sent.get(sent.size() - 1).path("role").asText()).as("the cut answer is sent last, to be continued").isEqualTo("assistant");
        assertThat(sent.get(sent.size() - 1).path("content").asText()).isEqualTo("Once upon a");
        assertThat(continued.named("start").get(0).data().path("continued").asBoolean()).isTrue();
        assertThat(continued.named("start").get(0).data().path("assistantMessageId").asText()).isEqualTo(answer);
        assertThat(continued.text("delta")).as("the stream carries the whole answer").isEqualTo("Once upon a time, the end.");

        JsonPath after = detail(id);
        assertThat(after.getList("messages")).hasSize(2);
        assertThat(after.getString("messages[1].id")).isEqualTo(answer);
        assertThat(after.getString("messages[1].content")).isEqualTo("Once upon a time, the end.");
        assertThat(after.getString("messages[1].finishReason")).isEqualTo("stop");
        assertThat(after.getInt("messages[1].usage.completionTokens")).isEqualTo(7);

        browser.api().body(Map.of("conversationId", id, "continueMessageId", answer, "messages", List.of())).post("/api/chat/stream")
                .then().statusCode(400).body("error.message", containsString("only an answer that was cut off"));
    }

    @Test
    void shouldNeverSendTwoQuestionsInARowAfterAFailedAnswerAndRetryAsANewVersion() {
        fake.requireAlternatingRoles();
        String id = start("Hello", "Hi there.");
        fake.goOffline();
        turn(id, Map.of("messages", List.of(Map.of("role", "user", "content", "Are you there?")))).await("error", WAIT);
        fake.comeBackOnline();
        JsonPath failed = detail(id);
        assertThat(failed.getString("messages[3].status")).isEqualTo("error");

        SseClient next = ask(id, "Now?", "Yes, now.");
        assertThat(next.named("done")).as("a template that enforces alternation accepts the history").hasSize(1);
        assertThat(sentContents()).containsExactly("user:Hello", "assistant:Hi there.", "user:Now?");
        assertThat(contents(detail(id))).as("the failed turn stays stored and shown")
                .containsExactly("Hello", "Hi there.", "Are you there?", "", "Now?", "Yes, now.");

        String failedAnswer = failed.getString("messages[3].id");
        fake.enqueue(says("Yes, I am."));
        SseClient retried = turn(id, Map.of("regenerateMessageId", failedAnswer));
        assertThat(retried.named("done")).hasSize(1);
        assertThat(sentContents()).containsExactly("user:Hello", "assistant:Hi there.", "user:Are you there?");
        JsonPath afterRetry = detail(id);
        assertThat(contents(afterRetry)).containsExactly("Hello", "Hi there.", "Are you there?", "Yes, I am.");
        assertThat(afterRetry.getList("messages[3].siblingIds")).hasSize(2).contains(failedAnswer);
    }

    @Test
    void shouldFindTextInEveryBranchAndNameTheMessageToOpen() {
        String id = start("Capital of Portugal?", "Lisbon.");
        fake.enqueue(says("It is Lisboa, in Portuguese."));
        turn(id, Map.of("regenerate", true));
        String oldAnswer = detail(id).getList("messages[1].siblingIds").get(0).toString();
        fake.enqueue(says("Porto is not the capital."));
        turn(id, Map.of("regenerate", true));

        String match = browser.api().get("/api/conversations?q=lisbon.").then().body("items", hasSize(1))
                .extract().path("items[0].matchMessageId");
        assertThat(match).isEqualTo(oldAnswer);
        assertThat(contents(show(id, match))).containsExactly("Capital of Portugal?", "Lisbon.");
    }

    @Test
    void shouldRefuseToShowAMessageOfAnotherConversationOrOwner() {
        String id = start("Mine", "Yours.");
        String other = start("Other", "Answer.");
        String foreign = detail(other).getString("messages[0].id");
        browser.api().body(Map.of("messageId", foreign)).put("/api/conversations/" + id + "/current").then().statusCode(404);
        browser.api().body(Map.of()).put("/api/conversations/" + id + "/current").then().statusCode(400);
        dev.synin.testing.Browser stranger = dev.synin.testing.Browser.fresh(base);
        stranger.api().body(Map.of("messageId", foreign)).put("/api/conversations/" + other + "/current").then().statusCode(404);
        stranger.api().body(Map.of("messageId", foreign)).post("/api/conversations/" + other + "/fork").then().statusCode(404);
    }

    @Test
    void shouldSayHowManyMessagesOfEveryBranchClearRemoves() {
        String id = start("Q", "A1.");
        fake.enqueue(says("A2."));
        turn(id, Map.of("regenerate", true));
        assertThat(detail(id).getInt("messageCount")).isEqualTo(3);
        browser.api().delete("/api/conversations/" + id + "/messages").then().statusCode(204);
        JsonPath cleared = detail(id);
        assertThat(cleared.getList("messages")).isEmpty();
        assertThat(cleared.getInt("messageCount")).isZero();
        ask(id, "Again", "Fresh.");
        assertThat(contents(detail(id))).containsExactly("Again", "Fresh.");
    }
}
