package dev.synin.chat;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** SYNIN_TITLES=model: after the first answer the model writes the title, in the background; a rename wins. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(ModelTitlesTest.ModelTitles.class)
class ModelTitlesTest extends SyninApiTest {

    public static class ModelTitles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synin.chat.titles", "model");
        }
    }

    /** How long a title that must not change is watched for not changing. */
    private static final java.time.Duration HOLDS = java.time.Duration.ofMillis(800);

    private static Reply.Stream says(String text) {
        return Reply.stream(List.of(FakeLmStudio.contentChunk(text), FakeLmStudio.finishChunk("stop"), "[DONE]"));
    }

    private String title(String id) {
        return browser.api().get("/api/conversations/" + id).then().extract().path("title");
    }

    @Test
    void shouldAskTheModelForATitleAfterTheFirstAnswerAndUseIt() {
        fake.enqueue(says("Start at the Alfama, then take tram 28."));
        fake.enqueue(says("\"Three days in Lisbon.\""));
        String id = conversationId(browser.stream(userSays("I have three days in Lisbon, what should I see?")).awaitEnd(WAIT));

        await("the model's title").atMost(WAIT).until(() -> "Three days in Lisbon".equals(title(id)));
        JsonNode asked = fake.lastChatRequest().body();
        assertThat(asked.path("max_tokens").asInt()).isEqualTo(24);
        assertThat(asked.path("messages").get(0).path("content").asText()).isEqualTo(TitleWriter.INSTRUCTION);
        assertThat(asked.path("messages").get(1).path("content").asText()).contains("three days in Lisbon").contains("tram 28");

        // Later turns do not ask again.
        int before = fake.chatRequests().size();
        java.util.Map<String, Object> next = new java.util.HashMap<>(userSays("And food?"));
        next.put("conversationId", id);
        browser.stream(next).awaitEnd(WAIT);
        await("no title request for a later turn").during(HOLDS).atMost(WAIT).until(() -> fake.chatRequests().size() == before + 1);
    }

    @Test
    void shouldKeepATitleTheOwnerGaveMeanwhile() {
        fake.enqueue(says("Use a sharp knife."));
        fake.enqueue(says("Cutting onions").firstDelay(FakeLmStudio.ms(1200)));
        String id = conversationId(browser.stream(userSays("How do I cut onions without crying?")).awaitEnd(WAIT));
        browser.api().body(Map.of("title", "Kitchen")).patch("/api/conversations/" + id).then().statusCode(200);

        await("the title request is answered").atMost(WAIT).until(() -> fake.streamsFinished() >= 2);
        await("the owner's title stays").during(HOLDS).atMost(WAIT).until(() -> "Kitchen".equals(title(id)));
    }

    @Test
    void shouldLeaveAReasoningModelsThinkingOutOfTheTitle() {
        fake.enqueue(says("Paris."));
        fake.enqueue(says("<think>The user asks about France.</think>French capital"));
        String id = conversationId(browser.stream(userSays("Capital of France?")).awaitEnd(WAIT));

        await("the model's title").atMost(WAIT).until(() -> "French capital".equals(title(id)));
    }

    @Test
    void shouldKeepTheFirstMessageWhenTheTitleRequestFails() {
        fake.enqueue(says("Hi!"));
        fake.enqueue(Reply.json(500, "{\"error\":\"model crashed\"}"));
        String id = conversationId(browser.stream(userSays("Hello there")).awaitEnd(WAIT));

        await("the title request was made").atMost(WAIT).until(() -> fake.chatRequests().size() >= 2);
        await("the first message stays the title").during(HOLDS).atMost(WAIT).until(() -> "Hello there".equals(title(id)));
    }
}
