package dev.synin.replicas;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synin.testing.Browser;
import dev.synin.testing.CuttableProxy;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninProcess;

/** Replicas that die or lose their database: no answer stays streaming, no acknowledged Stop is lost. */
class ReplicaFailuresIT {

    @Test
    void shouldMarkTheAnswerOfAKilledReplicaInterruptedWithAllTheTextItsSubscribersReceived() {
        FakeLmStudio fake = new FakeLmStudio().start();
        try (SyninProcess doomed = SyninProcess.start("killed-a", ReplicasItEnv.of(fake));
                SyninProcess survivor = SyninProcess.start("killed-b", ReplicasItEnv.of(fake))) {
            Browser onDoomed = Browser.fresh(doomed.uri());
            Browser onSurvivor = onDoomed.at(survivor.uri());
            fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(400)).pace(FakeLmStudio.ms(20)));
            SseClient stream = onDoomed.stream(userSays("Keep going"));
            String id = stream.await("start", Duration.ofSeconds(10)).data().path("conversationId").asText();
            SseClient follower = onSurvivor.follow(id, null);
            await("B follows").atMost(Duration.ofSeconds(10)).until(() -> follower.named("delta").size() >= 10);

            doomed.kill();
            long killed = System.nanoTime();

            assertThat(follower.awaitEnd(Duration.ofSeconds(12)).await("done", Duration.ofSeconds(1)).data().path("status").asText())
                    .isEqualTo("interrupted");
            var detail = onSurvivor.api().get("/api/conversations/" + id).then().statusCode(200).extract().jsonPath();
            assertThat(detail.getString("messages[1].status")).isEqualTo("interrupted");
            assertThat((System.nanoTime() - killed) / 1e9).as("seconds until another replica marked it").isLessThan(10);
            String stored = detail.getString("messages[1].content");
            assertThat(stored).startsWith(stream.text("delta")).startsWith(follower.text("delta")).doesNotContain("t399");

            Map<String, Object> next = new HashMap<>(userSays("Still there?"));
            next.put("conversationId", id);
            SseClient again = onSurvivor.stream(next).awaitEnd(Duration.ofSeconds(10));
            assertThat(again.status()).as("the conversation takes a new message").isEqualTo(200);
            assertThat(again.await("done", Duration.ofSeconds(1)).data().path("status").asText()).isEqualTo("complete");
        } finally {
            fake.stop();
        }
    }

    @Test
    void shouldStopOnAnotherReplicaRightAfterItsDatabaseCameBack() {
        FakeLmStudio fake = new FakeLmStudio().start();
        CuttableProxy database = new CuttableProxy("127.0.0.1", 5432).start();
        Map<String, String> behindProxy = new HashMap<>(ReplicasItEnv.of(fake));
        behindProxy.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + database.port() + "/synin_it");
        try (SyninProcess generating = SyninProcess.start("outage-a", behindProxy);
                SyninProcess other = SyninProcess.start("outage-b", ReplicasItEnv.of(fake))) {
            Browser onA = Browser.fresh(generating.uri());
            Browser onB = onA.at(other.uri());
            fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(600)).pace(FakeLmStudio.ms(20)));
            SseClient stream = onA.stream(userSays("Long one"));
            String id = stream.await("start", Duration.ofSeconds(10)).data().path("conversationId").asText();
            await("deltas").atMost(Duration.ofSeconds(10)).until(() -> stream.named("delta").size() >= 3);

            database.cut();
            staged(Duration.ofMillis(1500)); // the outage itself: A's Stop listener loses its connection and backs off
            database.restore();
            onB.api().post("/api/conversations/" + id + "/stop").then().statusCode(200)
                    .body("stopped", org.hamcrest.Matchers.equalTo(true));

            assertThat(stream.awaitEnd(Duration.ofSeconds(15)).await("done", Duration.ofSeconds(1)).data().path("status").asText())
                    .isEqualTo("stopped");
            assertThat(stream.text("delta")).doesNotContain("t599");
        } finally {
            database.stop();
            fake.stop();
        }
    }

    /** Lets time pass to stage a scenario (how long an outage lasts); results are still awaited, never slept for. */
    private static void staged(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
