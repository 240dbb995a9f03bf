package dev.synin.chat;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With {@code SYNIN_CHAT_ABANDON_AFTER=0} an answer stops as soon as nobody follows it, keeping what arrived. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(AbandonedAnswerTest.StopWhenUnwatched.class)
class AbandonedAnswerTest extends SyninApiTest {

    public static class StopWhenUnwatched implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synin.chat.abandon-after", "0s");
        }
    }

    @Test
    void shouldStopAnAnswerNobodyFollowsAndKeepWhatArrived() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(200)).pace(FakeLmStudio.ms(50)));
        SseClient stream = browser.stream(userSays("Tell me a long story"));
        String id = conversationId(stream);
        await("three deltas").atMost(WAIT).until(() -> stream.named("delta").size() >= 3);

        stream.close();

        await("the upstream connection is closed").atMost(Duration.ofSeconds(3)).until(() -> fake.hangUps() == 1);
        await("the partial answer is stored as interrupted").atMost(Duration.ofSeconds(3)).until(() -> "interrupted".equals(
                browser.api().get("/api/conversations/" + id).then().extract().path("messages[1].status")));
        String stored = browser.api().get("/api/conversations/" + id).then().extract().path("messages[1].content");
        assertThat(stored).startsWith("t0 t1 t2 ").doesNotContain("t199");
    }

    @Test
    void shouldKeepGeneratingWhileAnotherTabStillFollows() {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(30)).pace(FakeLmStudio.ms(20)));
        SseClient asker = browser.stream(userSays("Count"));
        String id = conversationId(asker);
        SseClient otherTab = browser.follow(id, null);
        await("the other tab follows").atMost(WAIT).until(() -> otherTab.named("delta").size() >= 2);

        asker.close();

        assertThat(otherTab.awaitEnd(WAIT).await("done", WAIT).data().path("status").asText()).isEqualTo("complete");
        assertThat(fake.hangUps()).isZero();
        browser.api().get("/api/conversations/" + id).then().body("messages[1].status", equalTo("complete"));
    }
}
