package dev.synin.replicas;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninProcess;

/** Two Synin processes on one database behave as one service. */
class ReplicasIT {

    static FakeLmStudio fake;
    static SyninProcess a;
    static SyninProcess b;

    static Map<String, String> replicaEnv() {
        Map<String, String> env = new java.util.HashMap<>(ReplicasItEnv.of(fake));
        env.put("SYNIN_RATE_LIMIT_STORE", "redis");
        env.put("SYNIN_RATE_LIMIT_CHATS_PER_MINUTE", "1000");
        return env;
    }

    @BeforeAll
    static void startReplicas() {
        fake = new FakeLmStudio().start();
        a = SyninProcess.start("replica-a", replicaEnv());
        b = SyninProcess.start("replica-b", replicaEnv());
    }

    @AfterAll
    static void stopReplicas() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        fake.stop();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void shouldShowOnOneReplicaAnAnswerStreamingOnTheOtherAndStopItFromThere() {
        Browser onA = Browser.fresh(a.uri());
        Browser onB = onA.at(b.uri()); // the same browser, its next request balanced to the other replica
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(300)).pace(FakeLmStudio.ms(50)));
        SseClient stream = onA.stream(userSays("A long answer, please"));
        String id = stream.await("start", Duration.ofSeconds(10)).data().path("conversationId").asText();

        await("replica B shows the partial answer while A streams it").atMost(Duration.ofSeconds(10)).until(() -> {
            var detail = onB.api().get("/api/conversations/" + id).then().statusCode(200).extract().jsonPath();
            return detail.getBoolean("generating") && "streaming".equals(detail.getString("messages[1].status"))
                    && detail.getString("messages[1].content").startsWith("t0 t1 ");
        });

        onB.api().post("/api/conversations/" + id + "/stop").then().statusCode(200).body("stopped", equalTo(true));

        assertThat(stream.await("done", Duration.ofSeconds(10)).data().path("status").asText()).isEqualTo("stopped");
        await("the upstream generation is cancelled").atMost(Duration.ofSeconds(5)).until(() -> fake.hangUps() == 1);
        String relayed = stream.text("delta");
        onB.api().get("/api/conversations/" + id).then()
                .body("generating", equalTo(false))
                .body("messages[1].status", equalTo("stopped"))
                .body("messages[1].content", equalTo(relayed));
        assertThat(relayed).doesNotContain("t299");
    }

    @Test
    void shouldFollowOnOneReplicaTokenByTokenAnAnswerGeneratedOnTheOther() {
        Browser onA = Browser.fresh(a.uri());
        Browser onB = onA.at(b.uri());
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(60)).pace(FakeLmStudio.ms(30)));
        SseClient stream = onA.stream(userSays("Count, please"));
        String id = stream.await("start", Duration.ofSeconds(10)).data().path("conversationId").asText();

        SseClient onOther = onB.follow(id, null);
        await("replica B relays deltas while A generates").atMost(Duration.ofSeconds(10)).until(() -> onOther.named("delta").size() >= 5);
        assertThat(stream.named("done")).as("A is still generating").isEmpty();

        onOther.awaitEnd(Duration.ofSeconds(10));
        stream.awaitEnd(Duration.ofSeconds(10));
        assertThat(onOther.text("delta")).isEqualTo(stream.text("delta")).endsWith("t59 ");
        assertThat(onOther.named("delta").size()).as("live, event by event").isGreaterThan(20);
        assertThat(onOther.await("done", Duration.ofSeconds(1)).data().path("status").asText()).isEqualTo("complete");

        // A reload on B that saw part of it resumes after the last event it saw.
        String lastSeenOnB = onOther.named("delta").get(9).id();
        SseClient resumed = onB.follow(id, lastSeenOnB).awaitEnd(Duration.ofSeconds(10));
        assertThat(resumed.text("delta")).isNotEmpty();
    }

    @Test
    void shouldServeTheSameConversationsFromEitherReplica() {
        Browser onA = Browser.fresh(a.uri());
        Browser onB = onA.at(b.uri());
        String id = onA.stream(userSays("Stored once")).awaitEnd(Duration.ofSeconds(10)).named("start").get(0).data()
                .path("conversationId").asText();

        onB.api().get("/api/conversations/" + id).then().statusCode(200).body("messages[1].status", equalTo("complete"));
        var next = new java.util.HashMap<String, Object>(userSays("And continued on B"));
        next.put("conversationId", id);
        onB.stream(next).awaitEnd(Duration.ofSeconds(10));
        onA.api().get("/api/conversations/" + id).then().body("messages.size()", equalTo(4));
        assertThat(fake.lastChatRequest().body().path("messages")).hasSize(3);
    }
}
