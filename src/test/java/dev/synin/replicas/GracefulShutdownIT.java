package dev.synin.replicas;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninProcess;

/** SIGTERM in the middle of a stream: the answer so far is stored, marked interrupted, and the upstream let go. */
class GracefulShutdownIT {

    @Test
    void shouldStoreThePartialAnswerWhenTerminatedMidStream() {
        FakeLmStudio fake = new FakeLmStudio().start();
        Map<String, String> env = new HashMap<>(ReplicasItEnv.of(fake));
        env.put("SYNIN_SHUTDOWN_GRACE", "3s");
        try (SyninProcess doomed = SyninProcess.start("shutdown-a", env);
                SyninProcess survivor = SyninProcess.start("shutdown-b", ReplicasItEnv.of(fake))) {
            Browser onDoomed = Browser.fresh(doomed.uri());
            fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(400)).pace(FakeLmStudio.ms(50)));
            SseClient stream = onDoomed.stream(userSays("Keep going"));
            String id = stream.await("start", Duration.ofSeconds(10)).data().path("conversationId").asText();
            await("a few deltas").atMost(Duration.ofSeconds(10)).until(() -> stream.named("delta").size() >= 5);

            doomed.signalTerm();
            // During the grace new chats are refused with a time to come back; the running answer goes on.
            await("new chats are refused during the grace").atMost(Duration.ofSeconds(2)).until(() -> {
                try {
                    var refused = onDoomed.api().body(userSays("Anyone?")).post("/api/chat/stream");
                    return refused.statusCode() == 503 && refused.header("Retry-After") != null;
                } catch (RuntimeException connectionClosed) {
                    return false;
                }
            });
            JsonNode last = stream.awaitEnd(Duration.ofSeconds(10)).await("done", Duration.ofSeconds(1)).data();
            assertThat(last.path("status").asText()).as("the subscriber is told how it ended").isEqualTo("interrupted");
            assertThat(last.path("reason").asText()).contains("restarting");
            doomed.awaitExit();

            await("the upstream is let go").atMost(Duration.ofSeconds(5)).until(() -> fake.hangUps() == 1);
            String stored = onDoomed.at(survivor.uri()).api().get("/api/conversations/" + id).then().statusCode(200)
                    .body("messages[1].status", equalTo("interrupted")).extract().path("messages[1].content");
            assertThat(stored).startsWith("t0 t1 t2 t3 t4 ").doesNotContain("t399");
            assertThat(doomed.log()).contains("storing 1 answer(s) still in progress");
        } finally {
            fake.stop();
        }
    }
}
